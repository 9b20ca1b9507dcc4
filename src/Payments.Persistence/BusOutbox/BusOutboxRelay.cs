using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Delivers what the bus outbox committed: one outbox at a time, its messages in SequenceNumber order, in a
/// transaction that holds the outbox's row lock (SKIP LOCKED / READPAST), so a second relay takes another outbox
/// and never sends the same one. Progress is saved with the lock; a send that fails (broker down) stops the round,
/// leaves the rest in place and is tried again after <see cref="OutboxDeliveryServiceOptions.QueryDelay"/>, also
/// after a restart. A crash between send and commit re-sends a message once more: consumers dedupe by MessageId.
/// Stopping the host sends nothing more but lets a begun round save what it sent, so a shutdown ends quietly and
/// re-sends nothing after the restart.
/// </summary>
public sealed class BusOutboxRelay<TContext> : BackgroundService
    where TContext : DbContext
{
    readonly IBus _bus;
    readonly ILogger _logger;
    readonly IBusOutboxNotification _notification;
    readonly OutboxOptions<TContext> _outboxOptions;
    readonly OutboxDeliveryServiceOptions _options;
    readonly IServiceScopeFactory _scopeFactory;

    public BusOutboxRelay(IBus bus, IServiceScopeFactory scopeFactory, IBusOutboxNotification notification,
        IOptions<OutboxDeliveryServiceOptions> options, IOptions<OutboxOptions<TContext>> outboxOptions, ILogger<BusOutboxRelay<TContext>> logger)
    {
        _bus = bus;
        _scopeFactory = scopeFactory;
        _notification = notification;
        _options = options.Value;
        _outboxOptions = outboxOptions.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverPending(stoppingToken);
                await _notification.WaitForDelivery(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Bus outbox delivery of {Context} failed; retrying after {Delay}", typeof(TContext).Name, _options.QueryDelay);
                await Task.Delay(_options.QueryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Delivers until no committed outbox is left or a send fails; returns how many messages were sent.</summary>
    public async Task<int> DeliverPending(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = _scopeFactory.CreateAsyncScope();
            var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
            var lockStatement = LockStatements.NextUndeliveredOutbox(dbContext);

            var round = await ConflictRetry.Run(_outboxOptions.MaxConflictAttempts,
                _ => DeliverNextOutbox(dbContext, lockStatement, cancellationToken),
                () =>
                {
                    dbContext.ChangeTracker.Clear();
                    return Task.CompletedTask;
                },
                cancellationToken);

            sent += round.Sent;
            if (round.Outcome != RoundOutcome.Progress)
                break;
        }

        return sent;
    }

    /// <param name="stoppingToken">
    /// Stops the round before its next send. The database work is not cancelled (the command time-out bounds it): a
    /// round cancelled after a send would lose the progress it made, and EF logs a cancelled transaction as an error.
    /// </param>
    async Task<Round> DeliverNextOutbox(TContext dbContext, string lockStatement, CancellationToken stoppingToken)
    {
        await using var transaction = await dbContext.Database.BeginTransactionAsync(_outboxOptions.IsolationLevel, CancellationToken.None);

        var outbox = (await dbContext.Set<OutboxState>().FromSqlRaw(lockStatement).AsTracking().ToListAsync(CancellationToken.None)).SingleOrDefault();
        if (outbox == null)
            return new Round(RoundOutcome.NoneLeft, 0);

        outbox.LockId = NewId.NextGuid();
        await dbContext.SaveChangesAsync(CancellationToken.None);

        var after = outbox.LastSequenceNumber ?? 0;
        var messages = await dbContext.Set<OutboxMessage>()
            .Where(m => m.OutboxId == outbox.OutboxId && m.SequenceNumber > after)
            .OrderBy(m => m.SequenceNumber)
            .Take(_options.MessageDeliveryLimit)
            .AsNoTracking()
            .ToListAsync(CancellationToken.None);

        var sent = 0;
        var failed = false;
        foreach (var message in messages)
        {
            if (stoppingToken.IsCancellationRequested)
                break;
            if (!await TrySend(message))
            {
                failed = true;
                break;
            }

            outbox.LastSequenceNumber = message.SequenceNumber;
            sent++;
        }

        if (sent == messages.Count && messages.Count < _options.MessageDeliveryLimit)
            outbox.Delivered = DateTime.UtcNow;

        await dbContext.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return new Round(failed ? RoundOutcome.SendFailed : RoundOutcome.Progress, sent);
    }

    /// <summary>
    /// Sends within <see cref="OutboxDeliveryServiceOptions.MessageDeliveryTimeout"/>, not cancelled by a stop: MassTransit
    /// logs a cancelled send as a fault, and the round saves what was sent before it ends.
    /// </summary>
    async Task<bool> TrySend(OutboxMessage message)
    {
        message.Deserialize(SystemTextJsonMessageSerializer.Instance);
        if (message.DestinationAddress == null)
        {
            _logger.LogWarning("Outbox message {MessageId} has no destination address; skipped", message.MessageId);
            return true;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.MessageDeliveryTimeout);
            var endpoint = await _bus.GetSendEndpoint(message.DestinationAddress);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), timeout.Token);
            return true;
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Outbox message {MessageId} (outbox {OutboxId}, #{SequenceNumber}) not delivered; will retry",
                message.MessageId, message.OutboxId, message.SequenceNumber);
            return false;
        }
    }

    enum RoundOutcome
    {
        Progress,
        NoneLeft,
        SendFailed,
    }

    readonly record struct Round(RoundOutcome Outcome, int Sent);
}
