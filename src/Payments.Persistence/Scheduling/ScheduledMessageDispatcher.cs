using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Scheduling;

/// <summary>
/// Fires due <see cref="ScheduledMessage"/> rows of <typeparamref name="TContext"/>: in one transaction it takes a batch
/// of due rows that no other dispatcher holds (FOR UPDATE SKIP LOCKED / READPAST; SQLite's single writer), adds each
/// message to a new bus outbox of the same database and deletes the rows. Only after the commit does
/// <see cref="BusOutboxRelay{TContext}"/> send them, so the broker is never waited on inside that transaction, a fired
/// message is handed over exactly once even with several replicas, and a crash either keeps the row or the outbox message.
/// Between rounds it sleeps until the next due time, at most <see cref="SchedulerOptions.MaxPollInterval"/>, and wakes
/// early when this process stores a schedule due sooner.
/// </summary>
public sealed class ScheduledMessageDispatcher<TContext> : BackgroundService
    where TContext : DbContext
{
    readonly ILogger _logger;
    readonly SchedulerOptions _options;
    readonly OutboxOptions<TContext> _outboxOptions;
    readonly BusOutboxRelay<TContext> _relay;
    readonly IServiceScopeFactory _scopeFactory;
    readonly TimeProvider _time;
    readonly DispatcherWakeUp _wakeUp;

    public ScheduledMessageDispatcher(IServiceScopeFactory scopeFactory, BusOutboxRelay<TContext> relay, DispatcherWakeUp wakeUp,
        TimeProvider time, IOptions<SchedulerOptions> options, IOptions<OutboxOptions<TContext>> outboxOptions,
        ILogger<ScheduledMessageDispatcher<TContext>> logger)
    {
        _scopeFactory = scopeFactory;
        _relay = relay;
        _wakeUp = wakeUp;
        _time = time;
        _options = options.Value;
        _outboxOptions = outboxOptions.Value;
        _logger = logger;
    }

    DateTime Now => _time.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime wakeTime;
            try
            {
                _wakeUp.BeginRound();
                await RunRound(stoppingToken);
                wakeTime = await NextWakeTime();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Scheduled messages of {Context} could not be dispatched; retrying in {Delay}", typeof(TContext).Name,
                    _options.MaxPollInterval);
                wakeTime = Now + _options.MaxPollInterval;
            }

            try
            {
                await _wakeUp.WaitUntil(wakeTime, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Fires what is due, then sends what the outbox holds that is due (also messages a crash or a broker outage left
    /// there; the relay backs off an outbox the broker refuses and looks at nothing when nothing is due).
    /// </summary>
    public async Task<int> RunRound(CancellationToken cancellationToken)
    {
        var fired = await FireDue(cancellationToken);
        await _relay.DeliverPending(cancellationToken);
        return fired;
    }

    /// <summary>Moves every message due now into the bus outbox, one batch per transaction; returns how many were fired.</summary>
    public async Task<int> FireDue(CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
        var lockStatement = LockStatements.DueScheduledMessages(dbContext);

        var fired = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // A plain read first: on SQLite the claim takes the database's only write lock, which an idle poll should not.
            var now = Now;
            if (!await dbContext.Set<ScheduledMessage>().AnyAsync(m => m.DueTime <= now, CancellationToken.None))
                break;

            var batch = await ConflictRetry.Run(_outboxOptions.MaxConflictAttempts,
                _ => FireBatch(dbContext, lockStatement),
                () =>
                {
                    dbContext.ChangeTracker.Clear();
                    return Task.CompletedTask;
                },
                cancellationToken);

            fired += batch.Fired;
            if (batch.Claimed < _options.BatchSize)
                break;
        }

        return fired;
    }

    /// <remarks>
    /// Not cancelled by a stop (the command time-out bounds it): EF logs a cancelled transaction as an error, and a
    /// batch either commits whole or leaves every row in place.
    /// </remarks>
    async Task<Batch> FireBatch(TContext dbContext, string lockStatement)
    {
        await using var transaction = await dbContext.Database.BeginTransactionAsync(_outboxOptions.IsolationLevel, CancellationToken.None);

        var now = Now;
        var due = await dbContext.Set<ScheduledMessage>().FromSqlRaw(lockStatement, now, _options.BatchSize)
            .AsTracking()
            .ToListAsync(CancellationToken.None);
        if (due.Count == 0)
            return default;

        OutboxState? outbox = null;
        var fired = 0;
        foreach (var message in due)
        {
            dbContext.Remove(message);
            if (message.Cancelled)
                continue;

            if (outbox == null)
            {
                outbox = new OutboxState { OutboxId = NewId.NextGuid(), Created = now };
                dbContext.Add(outbox);
            }

            dbContext.Add(ToOutboxMessage(message, outbox.OutboxId, now));
            fired++;
        }

        await dbContext.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        dbContext.ChangeTracker.Clear();

        if (fired > 0)
            _logger.LogDebug("Fired {Count} scheduled messages of {Context}", fired, typeof(TContext).Name);
        return new Batch(due.Count, fired);
    }

    /// <summary>The bus outbox row the relay re-sends exactly as MassTransit's outbox would (<c>OutboxMessageSendPipe</c>).</summary>
    static OutboxMessage ToOutboxMessage(ScheduledMessage message, Guid outboxId, DateTime now) => new()
    {
        OutboxId = outboxId,
        MessageId = message.MessageId,
        ConversationId = message.ConversationId,
        CorrelationId = message.CorrelationId,
        InitiatorId = message.InitiatorId,
        RequestId = message.RequestId,
        SourceAddress = message.SourceAddress,
        DestinationAddress = message.Destination,
        ResponseAddress = message.ResponseAddress,
        FaultAddress = message.FaultAddress,
        ExpirationTime = message.ExpirationTime,
        SentTime = now,
        ContentType = message.ContentType!,
        MessageType = message.MessageType!,
        Body = message.Body!,
        Headers = message.Headers,
        Properties = message.Properties,
    };

    /// <summary>The next due time, no later than the poll interval; shortly when due rows are left (another dispatcher holds them).</summary>
    async Task<DateTime> NextWakeTime()
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
        var next = await dbContext.Set<ScheduledMessage>()
            .OrderBy(m => m.DueTime)
            .Select(m => (DateTime?)m.DueTime)
            .FirstOrDefaultAsync();

        var now = Now;
        var latest = now + _options.MaxPollInterval;
        if (next is not { } due || due >= latest)
            return latest;
        if (due <= now)
            return now + Min(_options.MaxPollInterval, HeldElsewhereRecheck);
        return due;
    }

    static readonly TimeSpan HeldElsewhereRecheck = TimeSpan.FromMilliseconds(50);

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    readonly record struct Batch(int Claimed, int Fired);
}
