using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Replaces MassTransit's scoped bus context: inside a consumer, publish keeps going through the consume context
/// (and so through the consumer outbox); anywhere else it goes into the bus outbox of <typeparamref name="TContext"/>.
/// </summary>
public sealed class OutboxScopedBusContextProvider<TContext> : IScopedBusContextProvider<IBus>, IDisposable
    where TContext : DbContext
{
    public OutboxScopedBusContextProvider(IBus bus, TContext dbContext, BusOutboxSignal<TContext> signal,
        Bind<IBus, IClientFactory> clientFactory, Bind<IBus, IScopedConsumeContextProvider> consumeContextProvider,
        IScopedConsumeContextProvider globalConsumeContextProvider, IServiceProvider provider)
    {
        if (consumeContextProvider.Value.HasContext)
            Context = new ConsumeContextScopedBusContext(consumeContextProvider.Value.GetContext(), clientFactory.Value);
        else if (globalConsumeContextProvider.HasContext)
            Context = new ConsumeContextScopedBusContext<IBus>(bus, globalConsumeContextProvider.GetContext(), clientFactory.Value, provider);
        else
            Context = new OutboxScopedBusContext<TContext>(bus, dbContext, signal, clientFactory.Value, provider);
    }

    public ScopedBusContext Context { get; }

    public void Dispose() => (Context as IDisposable)?.Dispose();
}
