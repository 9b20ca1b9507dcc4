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
/// then the delivery of those messages to the transport. A redelivered message finds its inbox row already consumed, so
/// the consumer is not called again; the row is locked, so two copies of one message never run the consumer at once.
/// A handler that sent nothing finishes in its one transaction; what a handler just sent is delivered from memory right
/// after the commit and finished with one statement batch (<see cref="CommittedOutboxDeliveryContext{TMessage}"/>); a
/// redelivery of a consumed message delivers what is left in transactions that lock the inbox row, as MassTransit's does.
/// </summary>
public sealed class DbContextOutboxContextFactory<TContext> : IOutboxContextFactory<TContext>
    where TContext : DbContext
{
    readonly TContext _dbContext;
    readonly OutboxOptions<TContext> _options;
    readonly IServiceProvider _provider;
    string? _lockStatement;
    string? _finishStatement;

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
        // Each SaveChanges inside the step's transaction would otherwise be wrapped in a savepoint of its own (two more statements
        // each); a failed step is rolled back and run again whole instead. The saga's pre-insert takes the one savepoint it needs.
        _dbContext.Database.AutoSavepointsEnabled = false;

        var continueProcessing = true;
        for (var step = 0; continueProcessing; step++)
        {
            var firstStep = step == 0;
            var result = await ConflictRetry.Run(_options.MaxConflictAttempts,
                _ => RunStep(context, options, next, messageId, firstStep),
                () =>
                {
                    _dbContext.ChangeTracker.Clear();
                    return Task.CompletedTask;
                },
                context.CancellationToken);
            continueProcessing = result.ContinueProcessing;

            // The handler ran and committed what it sent: deliver those messages from memory, without a second transaction.
            // More than the delivery limit (a rare fan-out) goes through the transactional steps, which record progress.
            if (continueProcessing && result.Sent is { Count: > 0 } sent && sent.Count < options.MessageDeliveryLimit)
                continueProcessing = await DeliverCommitted(context, options, next, messageId, result.Inbox!, sent);
        }
    }

    async Task<bool> DeliverCommitted<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next,
        Guid messageId, InboxState inbox, IReadOnlyList<OutboxMessage> sent)
        where T : class
    {
        _finishStatement ??= LockStatements.FinishInboxDelivery(_dbContext);
        var delivery = new CommittedOutboxDeliveryContext<T>(new OutboxDeliveryConsumeContext<T>(context), options, _provider, _dbContext, inbox, sent,
            _finishStatement);
        try
        {
            await next.Send(delivery);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw DeliveryFailed(messageId, exception);
        }
        return delivery.ContinueProcessing;
    }

    async Task<StepResult> RunStep<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId,
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
            throw DeliveryFailed(messageId, exception);
        }
        await _dbContext.SaveChangesAsync(context.CancellationToken);

        await transaction.CommitAsync(context.CancellationToken);
        _dbContext.ChangeTracker.Clear();
        // What the handler sent in this step, now committed with their sequence numbers (none when the handler did not run).
        return new StepResult(outboxContext.ContinueProcessing, inbox, committed ? null : outboxContext.Sent);
    }

    /// <summary>
    /// The consumer's work and its messages are committed: only their delivery failed (broker time-out, nack, refused
    /// exchange). Redelivering is safe and sends just what is left, so it waits for delayed redelivery instead of reaching
    /// the error queue after the quick retries meant for unknown failures.
    /// </summary>
    static TransientFailureException DeliveryFailed(Guid messageId, Exception exception) =>
        new($"Delivering the committed outbox of message {messageId} failed: {exception.Message}", inner: exception);

    readonly record struct StepResult(bool ContinueProcessing, InboxState? Inbox, IReadOnlyList<OutboxMessage>? Sent);

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateFilterScope("outboxContextFactory");
        scope.Add("provider", "Payments.Persistence");
        scope.Add("dbContext", typeof(TContext).Name);
    }
}
