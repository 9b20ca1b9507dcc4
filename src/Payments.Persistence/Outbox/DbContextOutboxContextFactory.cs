using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Persistence.Concurrency;
using Payments.ServiceDefaults.Failures;

namespace Payments.Persistence.Outbox;

/// <summary>
/// MassTransit's outbox consume filter asks this factory to run each step of a message in a database transaction:
/// first the consumer (its own writes, the inbox row marked consumed and the messages it published commit together),
/// then, in later transactions, the delivery of those messages to the transport. A redelivered message finds its
/// inbox row already consumed, so the consumer is not called again; the row is locked, so two copies of one message
/// never run at once.
/// </summary>
public sealed class DbContextOutboxContextFactory<TContext> : IOutboxContextFactory<TContext>
    where TContext : DbContext
{
    readonly TContext _dbContext;
    readonly OutboxOptions<TContext> _options;
    readonly IServiceProvider _provider;
    string? _lockStatement;

    public DbContextOutboxContextFactory(TContext dbContext, IOptions<OutboxOptions<TContext>> options, IServiceProvider provider)
    {
        _dbContext = dbContext;
        _options = options.Value;
        _provider = provider;
    }

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The outbox needs a MessageId to detect duplicates");
        _lockStatement ??= LockStatements.InboxState(_dbContext);

        var continueProcessing = true;
        for (var step = 0; continueProcessing; step++)
        {
            var firstStep = step == 0;
            continueProcessing = await ConflictRetry.Run(_options.MaxConflictAttempts,
                _ => RunStep(context, options, next, messageId, firstStep),
                () =>
                {
                    _dbContext.ChangeTracker.Clear();
                    return Task.CompletedTask;
                },
                context.CancellationToken);
        }
    }

    async Task<bool> RunStep<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId,
        bool firstStep)
        where T : class
    {
        await using var transaction = await _dbContext.Database.BeginTransactionAsync(_options.IsolationLevel, context.CancellationToken);

        var inbox = (await _dbContext.Set<InboxState>()
                .FromSqlRaw(_lockStatement!, messageId, options.ConsumerId)
                .AsTracking()
                .ToListAsync(context.CancellationToken))
            .SingleOrDefault();

        if (inbox == null)
        {
            // A concurrent first delivery of the same message makes this insert fail on the unique key; the retry then
            // waits on that row's lock and finds it consumed.
            inbox = new InboxState
            {
                MessageId = messageId,
                ConsumerId = options.ConsumerId,
                Received = DateTime.UtcNow,
                ExpirationTime = OutboxMessageWriter.AsUtc(context.ExpirationTime),
            };
            _dbContext.Add(inbox);
        }

        inbox.LockId = NewId.NextGuid();
        if (firstStep)
            inbox.ReceiveCount++;
        await _dbContext.SaveChangesAsync(context.CancellationToken);

        var committed = inbox.Consumed.HasValue;
        var outboxContext = new DbContextOutboxConsumeContext<T>(committed ? new OutboxDeliveryConsumeContext<T>(context) : context, options,
            _provider, _dbContext, transaction, inbox);
        try
        {
            await next.Send(outboxContext);
        }
        catch (Exception exception) when (committed && !ConcurrencyConflicts.IsConflict(exception) && exception is not OperationCanceledException)
        {
            // The consumer's work and its messages are committed: only their delivery failed (broker time-out, nack,
            // refused exchange). Redelivering is safe and sends just what is left, so it waits for delayed redelivery
            // instead of reaching the error queue after the quick retries meant for unknown failures.
            throw new TransientFailureException(
                $"Delivering the committed outbox of message {messageId} failed: {exception.Message}", inner: exception);
        }
        await _dbContext.SaveChangesAsync(context.CancellationToken);

        await transaction.CommitAsync(context.CancellationToken);
        _dbContext.ChangeTracker.Clear();
        return outboxContext.ContinueProcessing;
    }

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateFilterScope("outboxContextFactory");
        scope.Add("provider", "Payments.Persistence");
        scope.Add("dbContext", typeof(TContext).Name);
    }
}
