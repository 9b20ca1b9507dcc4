using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Publish and send outside a consumer (for example in the gateway's webhook request) write <see cref="OutboxMessage"/>
/// rows under one <see cref="OutboxState"/> into the scope's DbContext instead of reaching the broker. They are
/// committed by the caller's own <c>SaveChangesAsync</c> together with its other rows, and the relay delivers them.
/// </summary>
sealed class OutboxScopedBusContext<TContext> : ScopedBusContext, OutboxSendContext, IDisposable
    where TContext : DbContext
{
    readonly IBus _bus;
    readonly ScopedBusContext _busContext;
    readonly TContext _dbContext;
    readonly BusOutboxSignal<TContext> _signal;
    readonly IServiceProvider _provider;
    OutboxState? _outbox;
    IPublishEndpoint? _publishEndpoint;
    ISendEndpointProvider? _sendEndpointProvider;

    public OutboxScopedBusContext(IBus bus, TContext dbContext, BusOutboxSignal<TContext> signal, IClientFactory clientFactory,
        IServiceProvider provider)
    {
        _bus = bus;
        _dbContext = dbContext;
        _signal = signal;
        _provider = provider;
        // Request clients are request/response and cannot wait for a commit: they keep using the bus directly.
        _busContext = new BusScopedBusContext<IBus>(bus, clientFactory, provider);
    }

    public ISendEndpointProvider SendEndpointProvider => _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, _bus);

    public IPublishEndpoint PublishEndpoint => _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, _bus));

    public IScopedClientFactory ClientFactory => _busContext.ClientFactory;

    public Task AddSend<T>(SendContext<T> context)
        where T : class
    {
        Guid outboxId;
        // The same lock as the message rows: the change tracker is not thread-safe.
        lock (_dbContext)
        {
            if (_outbox == null || !IsOpen())
            {
                // Messages after a commit belong to a new outbox: the relay may already have delivered and closed the
                // committed one, and would never send a message added to it.
                if (_outbox != null)
                    _signal.Committed(_outbox.OutboxId);
                _outbox = new OutboxState { OutboxId = NewId.NextGuid(), Created = DateTime.UtcNow };
                _dbContext.Add(_outbox);
            }

            outboxId = _outbox.OutboxId;
        }

        OutboxMessageWriter.AddSend(_dbContext, context, SystemTextJsonMessageSerializer.Instance, outboxId: outboxId);
        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => _provider.GetService(serviceType);

    /// <summary>Wakes the relay when the scope ends after its outbox may have been committed.</summary>
    public void Dispose()
    {
        if (_outbox != null && !IsOpen())
            _signal.Committed(_outbox.OutboxId);
        _outbox = null;
    }

    /// <summary>
    /// Only an outbox the change tracker holds as newly added is still open. Saved, it is Unchanged; after the caller's
    /// <c>ChangeTracker.Clear()</c> or a detach (the usual batch loop: save, clear, publish again) it is Detached and may
    /// be committed too. Either way a further message needs a new outbox.
    /// </summary>
    bool IsOpen()
    {
        try
        {
            return _outbox != null && _dbContext.Entry(_outbox).State == EntityState.Added;
        }
        catch (ObjectDisposedException)
        {
            // The scope disposed the DbContext first; nothing more can join this outbox, and the relay's poll finds it.
            return false;
        }
    }
}
