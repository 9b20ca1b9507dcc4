using System.Data.Common;
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
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Delivers what the bus outbox of <typeparamref name="TContext"/> committed, one outbox after the other, each one's
/// messages in SequenceNumber order, in three steps per batch of outboxes:
/// <list type="number">
/// <item>claim: a short transaction takes the oldest outboxes that are due, up to <see cref="BusOutboxOptions.ClaimBatchSize"/>
/// (FOR UPDATE SKIP LOCKED / READPAST; SQLite's one writer) and marks them claimed (<see cref="OutboxState.LockId"/>,
/// <see cref="OutboxState.ClaimedUntil"/>);</item>
/// <item>send, with no transaction open, so no database lock waits on the broker (on SQLite a webhook's commit would);</item>
/// <item>record: a second short transaction, still holding the claims, removes what was sent, and each outbox once it is
/// all sent (as MassTransit's BusOutboxDeliveryService does), or records the failure.</item>
/// </list>
/// Neither bookkeeping transaction has to survive a database crash: on PostgreSQL they commit with
/// <c>synchronous_commit = off</c> (see <see cref="InTransaction{T}"/>).
/// A message the broker refuses (a nack, a refused exchange, an address the transport cannot use, an unreadable row)
/// fails its outbox only: the attempt is counted, the outbox backs off (<see cref="BusOutboxOptions.BackOff"/>) and the
/// pass goes on with the next one. When the broker itself is down (no connection, no answer, the bus not healthy) the
/// pass ends and the next one waits, growing up to <see cref="BusOutboxOptions.MaxRetryDelay"/>, whatever webhooks
/// signal meanwhile. A relay that crashes holds its claim until it expires; the outbox is then sent again, as after any
/// crash between the broker's confirmation and the record step: consumers drop the copy by MessageId.
/// Stopping the host sends nothing more but lets a begun outbox record what it sent.
/// </summary>
public sealed class BusOutboxRelay<TContext> : BackgroundService
    where TContext : DbContext
{
    /// <summary>How often a relay that waits for the bus to become healthy looks again.</summary>
    static readonly TimeSpan HealthPoll = TimeSpan.FromMilliseconds(250);

    readonly IBusControl _bus;
    readonly OutboxDeliveryServiceOptions _delivery;
    readonly ILogger _logger;
    readonly IOptionsMonitor<BusOutboxOptions> _options;
    readonly OutboxOptions<TContext> _outboxOptions;
    readonly IServiceScopeFactory _scopeFactory;
    readonly BusOutboxSignal<TContext> _signal;
    readonly TimeProvider _time;

    public BusOutboxRelay(IBusControl bus, IServiceScopeFactory scopeFactory, BusOutboxSignal<TContext> signal, TimeProvider time,
        IOptions<OutboxDeliveryServiceOptions> delivery, IOptionsMonitor<BusOutboxOptions> options, IOptions<OutboxOptions<TContext>> outboxOptions,
        ILogger<BusOutboxRelay<TContext>> logger)
    {
        _bus = bus;
        _scopeFactory = scopeFactory;
        _signal = signal;
        _time = time;
        _delivery = delivery.Value;
        _options = options;
        _outboxOptions = outboxOptions.Value;
        _logger = logger;
    }

    static string ContextName => typeof(TContext).Name;

    DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Not <see cref="BusHealthStatus.Unhealthy"/>: a degraded bus (one receive endpoint faulted) still sends.</summary>
    bool BusIsHealthy => _bus.CheckHealth().Status != BusHealthStatus.Unhealthy;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failedPasses = 0;
        // The first pass looks for every due outbox: what was committed before this start, by this process or another.
        var lookAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitUntilBusIsHealthy(stoppingToken);
                var committed = _signal.TakeCommitted();
                var pass = _signal.TakeScanRequest() || _time.GetUtcNow() >= lookAt
                    ? await DeliverPending(stoppingToken)
                    : await DeliverCommitted(committed, stoppingToken);
                if (pass.Looked)
                    lookAt = _time.GetUtcNow() + _delivery.QueryDelay;
                if (!pass.BrokerDown)
                {
                    if (failedPasses > 0)
                        _logger.LogInformation("Bus outbox of {Context}: the broker takes messages again", ContextName);
                    failedPasses = 0;
                    // An outbox signalled but not delivered by key (not yet committed, claimed by another relay, more messages
                    // than one attempt takes, a failure) is left to a look for due outboxes, at once.
                    if (pass.LeftSome)
                        lookAt = DateTimeOffset.MinValue;
                    await _signal.WaitForDelivery(lookAt - _time.GetUtcNow(), stoppingToken);
                    continue;
                }

                // Signals of new webhooks do not shorten this wait: the broker is down for them too. The next pass looks for all.
                lookAt = DateTimeOffset.MinValue;
                var delay = _options.CurrentValue.BackOff(++failedPasses);
                _logger.LogWarning("Bus outbox of {Context}: the broker cannot be reached; next pass in {Delay}", ContextName, delay);
                await Task.Delay(delay, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                lookAt = DateTimeOffset.MinValue;
                var delay = _options.CurrentValue.BackOff(++failedPasses);
                _logger.LogError(exception, "Bus outbox delivery of {Context} failed; next pass in {Delay}", ContextName, delay);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    async Task WaitUntilBusIsHealthy(CancellationToken stoppingToken)
    {
        while (!BusIsHealthy)
            await Task.Delay(HealthPoll, _time, stoppingToken);
    }

    /// <summary>
    /// One pass: delivers every outbox that is due, oldest first, until none is left or the broker is down. Safe to run
    /// concurrently with other passes and relays on the same database (each outbox is claimed by one).
    /// </summary>
    public async Task<RelayPass> DeliverPending(CancellationToken cancellationToken)
    {
        if (!BusIsHealthy)
            return new RelayPass(0, 0, BrokerDown: true);

        await using var scope = _scopeFactory.CreateAsyncScope();
        return await DeliverPending(scope.ServiceProvider.GetRequiredService<TContext>(), cancellationToken);
    }

    async Task<RelayPass> DeliverPending(TContext dbContext, CancellationToken cancellationToken)
    {
        // A plain read first: on SQLite the claim takes the database's only write lock, which a pass with nothing due should not.
        if (!await HasDueOutbox(dbContext))
            return new RelayPass(0, 0, BrokerDown: false, Looked: true);

        var lockStatement = LockStatements.NextDueOutboxes(dbContext);
        var options = _options.CurrentValue;
        var pass = new RelayPass(0, 0, BrokerDown: false, Looked: true);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Now;
            var claims = await InTransaction(dbContext, () => Claim(dbContext, lockStatement, [now, options.ClaimBatchSize], now, options), cancellationToken);
            if (claims.Count == 0)
                break;

            var batch = await DeliverClaimed(dbContext, claims, options, cancellationToken);
            // A look leaves what it did not finish to the next look (a failure backs off), so it does not report LeftSome.
            pass += batch with { LeftSome = false };
            if (batch.BrokerDown)
                return pass;

            // A batch short of the limit, every outbox of it sent in full, took all that was due when the claim read: one more
            // claim would find nothing (a claim costs a transaction of its own). What committed since then gave the signal after
            // its commit, which the next wait returns on at once (BusOutboxSignal keeps it), and what another relay holds is theirs.
            if (claims.Count < options.ClaimBatchSize && !batch.LeftSome)
                break;
        }

        return pass;
    }

    /// <summary>
    /// Delivers the outboxes <paramref name="outboxIds"/>, which this process committed and signalled, found by key: the look
    /// for due outboxes (<see cref="DeliverPending"/>) is left to the poll, once per <see cref="OutboxDeliveryServiceOptions.QueryDelay"/>.
    /// Those not found due (not committed yet, rolled back, claimed by another relay or already delivered) are skipped, and the
    /// pass says so (<see cref="RelayPass.LeftSome"/>).
    /// </summary>
    /// <remarks>
    /// Why by key, on PostgreSQL: a delivered outbox's row is deleted, but its entry in the pending-outbox index stays until VACUUM
    /// (an index scan marks it dead only when the index page did not change meanwhile, which under steady ingest it mostly does).
    /// Autovacuum comes at most once a minute, and on a table holding much else hardly ever; until then each look walks every entry
    /// left since, with a read of its table row. Measured in the end-to-end benchmark (10 webhooks/s): 400 to 700 buffer reads per
    /// look, twice per webhook. By key a claim reads what it claims. Its statement names the key alone, and the claim keeps those
    /// found due: with the due conditions in it, the planner took the pending-outbox index (which it believes nearly empty) and
    /// walked the same entries. SQLite removes a deleted row's index entry at once, and SQL Server's ghost cleanup soon after, so
    /// there the relay looks for due outboxes as before.
    /// </remarks>
    public async Task<RelayPass> DeliverCommitted(IReadOnlyCollection<Guid> outboxIds, CancellationToken cancellationToken)
    {
        if (outboxIds.Count == 0)
            return default;
        if (!BusIsHealthy)
            return new RelayPass(0, 0, BrokerDown: true);

        await using var scope = _scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
        if (LockStatements.OutboxesByKey(dbContext) is not { } lockStatement)
            return await DeliverPending(dbContext, cancellationToken);

        var options = _options.CurrentValue;
        var pass = default(RelayPass);
        foreach (var ids in outboxIds.Distinct().Chunk(options.ClaimBatchSize))
        {
            if (cancellationToken.IsCancellationRequested)
                return pass with { LeftSome = true };
            var now = Now;
            var claims = await InTransaction(dbContext, () => Claim(dbContext, lockStatement, [ids], now, options), cancellationToken);
            if (claims.Count < ids.Length)
                pass = pass with { LeftSome = true };
            if (claims.Count == 0)
                continue;

            var batch = await DeliverClaimed(dbContext, claims, options, cancellationToken);
            pass += batch;
            if (batch.BrokerDown)
                return pass with { LeftSome = true };
        }
        return pass;
    }

    /// <summary>Sends a batch of claimed outboxes one after the other, then records the attempts in one transaction.</summary>
    async Task<RelayPass> DeliverClaimed(TContext dbContext, List<OutboxClaim> claims, BusOutboxOptions options, CancellationToken cancellationToken)
    {
        var attempts = new List<Attempt>(claims.Count);
        int sent = 0, failed = 0;
        var brokerDown = false;
        foreach (var claim in claims)
        {
            // After the broker went down (or a stop) the rest of the batch is only released, to be sent by the next pass.
            var attempt = brokerDown || cancellationToken.IsCancellationRequested
                ? new Attempt(0, claim.LastSequenceNumber, false, null)
                : await Send(dbContext, claim, options, cancellationToken);
            attempts.Add(attempt);
            sent += attempt.Sent;
            brokerDown |= attempt.Failure is { BrokerDown: true };
            if (attempt.Failure is { BrokerDown: false })
                failed++;
        }

        await InTransaction(dbContext, () => Record(dbContext, claims, attempts, options), cancellationToken);
        return new RelayPass(sent, failed, brokerDown, LeftSome: attempts.Any(a => a is not { Complete: true, Failure: null }));
    }

    Task<bool> HasDueOutbox(TContext dbContext)
    {
        var now = Now;
        return dbContext.Set<OutboxState>().AnyAsync(o => o.Delivered == null && o.ParkedAt == null
            && (o.NextAttemptAt == null || o.NextAttemptAt <= now)
            && (o.ClaimedUntil == null || o.ClaimedUntil <= now), CancellationToken.None);
    }

    /// <summary>
    /// Runs one short bookkeeping transaction, again after losing a race (SQLite busy, a serialization failure). Not
    /// cancelled by a stop: the command time-out bounds it, EF logs a cancelled transaction as an error, and a record step
    /// cancelled after its sends would lose their progress.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL it commits with <c>synchronous_commit = off</c> (https://www.postgresql.org/docs/current/wal-async-commit.html):
    /// the commit returns before its WAL reaches the disk, so the relay does not wait on a disk flush twice per batch.
    /// Other sessions see the changes at once, as usual, and a later synchronous commit (any webhook's) flushes them too. A
    /// database crash can lose the last fraction of a second of them, and losing either is safe: a lost claim leaves the
    /// outboxes due (or claimed until the lease ends), a lost record leaves sent messages in the outbox; either way they
    /// are sent again, and consumers drop the copies by MessageId (their inbox) as after any relay crash between the
    /// broker's confirmation and the record step. What a webhook's 200 promises, its record and outbox rows, is committed
    /// by the gateway's own transaction, which stays synchronous. Its statements go by key on tables that churn, so they are planned
    /// without sequential scans (<see cref="BookkeepingSettings"/>).
    /// </remarks>
    Task<T> InTransaction<T>(TContext dbContext, Func<Task<T>> work, CancellationToken cancellationToken) =>
        ConflictRetry.Run(_outboxOptions.MaxConflictAttempts, async _ =>
            {
                dbContext.ChangeTracker.Clear();
                await using var transaction = await dbContext.Database.BeginTransactionAsync(_outboxOptions.IsolationLevel, CancellationToken.None);
                await dbContext.Database.SkipCommitFlushAsync(withoutSequentialScans: true);
                var result = await work();
                await transaction.CommitAsync(CancellationToken.None);
                return result;
            },
            () =>
            {
                dbContext.ChangeTracker.Clear();
                return Task.CompletedTask;
            },
            cancellationToken);

    /// <summary>
    /// Claims what the statement reads and locks (up to <see cref="BusOutboxOptions.ClaimBatchSize"/> outboxes, oldest first) under
    /// one lock id; of those, only the ones due at <paramref name="now"/> (a statement that locks by key only reads them all).
    /// </summary>
    async Task<List<OutboxClaim>> Claim(TContext dbContext, string lockStatement, object[] parameters, DateTime now, BusOutboxOptions options)
    {
        var outboxes = (await dbContext.Set<OutboxState>().FromSqlRaw(lockStatement, parameters).AsTracking()
                .ToListAsync(CancellationToken.None))
            .Where(o => o is { Delivered: null, ParkedAt: null } && !(o.NextAttemptAt > now) && !(o.ClaimedUntil > now))
            .ToList();
        if (outboxes.Count == 0)
            return [];

        var lockId = NewId.NextGuid();
        foreach (var outbox in outboxes)
        {
            outbox.LockId = lockId;
            outbox.ClaimedUntil = now + options.ClaimLease;
        }
        await dbContext.SaveChangesAsync(CancellationToken.None);
        // The statement orders by Created; the materialized list keeps that order.
        return outboxes.Select(o => new OutboxClaim(o.OutboxId, lockId, now, o.LastSequenceNumber ?? 0, o.DeliveryAttempts)).ToList();
    }

    /// <summary>Sends the claimed outbox's next messages with no transaction open; stops at the first failure.</summary>
    async Task<Attempt> Send(TContext dbContext, OutboxClaim claim, BusOutboxOptions options, CancellationToken stoppingToken)
    {
        List<OutboxMessage> messages;
        try
        {
            messages = await dbContext.Set<OutboxMessage>()
                .Where(m => m.OutboxId == claim.OutboxId && m.SequenceNumber > claim.LastSequenceNumber)
                .OrderBy(m => m.SequenceNumber)
                .Take(_delivery.MessageDeliveryLimit)
                .AsNoTracking()
                .ToListAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not DbException)
        {
            // A row EF cannot read back (an address that is not a URI, a damaged value): this outbox fails, not the pass.
            return new Attempt(0, claim.LastSequenceNumber, false, new Failure($"its messages cannot be read: {Describe(exception)}", false, exception));
        }

        var sent = 0;
        var last = claim.LastSequenceNumber;
        // Half the lease for taking new messages, the other half for the last send (at most MessageDeliveryTimeout) and the record step.
        var stopTakingAt = claim.ClaimedAt + options.ClaimLease / 2;
        foreach (var message in messages)
        {
            if (stoppingToken.IsCancellationRequested || Now >= stopTakingAt)
                return new Attempt(sent, last, false, null);

            var failure = await TrySend(message);
            if (failure != null)
                return new Attempt(sent, last, false, failure);
            last = message.SequenceNumber;
            sent++;
        }

        return new Attempt(sent, last, messages.Count < _delivery.MessageDeliveryLimit, null);
    }

    /// <summary>
    /// Sends within <see cref="OutboxDeliveryServiceOptions.MessageDeliveryTimeout"/>, not cancelled by a stop: MassTransit
    /// logs a cancelled send as a fault, and the outbox records what was sent before it ends.
    /// </summary>
    async Task<Failure?> TrySend(OutboxMessage message)
    {
        try
        {
            message.Deserialize(SystemTextJsonMessageSerializer.Instance);
        }
        catch (Exception exception)
        {
            return new Failure($"message {message.MessageId} (#{message.SequenceNumber}) cannot be read: {Describe(exception)}", false, exception);
        }

        if (message.DestinationAddress == null)
        {
            _logger.LogWarning("Outbox message {MessageId} has no destination address; skipped", message.MessageId);
            return null;
        }

        using var timeout = new CancellationTokenSource(_delivery.MessageDeliveryTimeout);
        try
        {
            var endpoint = await _bus.GetSendEndpoint(message.DestinationAddress);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), timeout.Token);
            return null;
        }
        catch (Exception exception)
        {
            var timedOut = timeout.IsCancellationRequested && exception is OperationCanceledException;
            var brokerDown = BrokerFailures.IsBrokerDown(exception, timedOut) || !BusIsHealthy;
            var what = timedOut ? $"no answer from the broker within {_delivery.MessageDeliveryTimeout}" : Describe(exception);
            return new Failure($"message {message.MessageId} (#{message.SequenceNumber}) to {message.DestinationAddress}: {what}", brokerDown, exception);
        }
    }

    /// <summary>
    /// Records a batch's attempts under its claims. The usual case, every message of an outbox sent, takes two statements for
    /// the whole batch (its messages, then the outbox, each only while the claim is still this relay's); the rest, and any
    /// outbox those left, one by one.
    /// </summary>
    async Task<bool> Record(TContext dbContext, IReadOnlyList<OutboxClaim> claims, IReadOnlyList<Attempt> attempts, BusOutboxOptions options)
    {
        var lockId = claims[0].LockId;
        var done = claims.Where((_, i) => attempts[i] is { Complete: true, Failure: null }).Select(c => c.OutboxId).ToList();
        var left = new HashSet<Guid>();
        if (done.Count > 0)
        {
            // A committed bus outbox gets no new messages, and a complete attempt read (and sent) all it had: all of them go.
            // The sets are locals: a method call inside the query (dbContext.Set<T>()) is compiled by EF's funcletizer on every
            // execution, a local is read.
            var states = dbContext.Set<OutboxState>();
            var messages = dbContext.Set<OutboxMessage>();
            await messages
                .Where(m => m.OutboxId != null && done.Contains(m.OutboxId.Value)
                            && states.Any(o => o.OutboxId == m.OutboxId && o.LockId == lockId))
                .ExecuteDeleteAsync(CancellationToken.None);
            var removed = await states
                .Where(o => done.Contains(o.OutboxId) && o.LockId == lockId
                            && !messages.Any(m => m.OutboxId == o.OutboxId))
                .ExecuteDeleteAsync(CancellationToken.None);
            if (removed < done.Count)
            {
                // Claims lost meanwhile (or an outbox with messages after all): recorded one by one below, which says which.
                left.UnionWith(await dbContext.Set<OutboxState>().Where(o => done.Contains(o.OutboxId)).Select(o => o.OutboxId)
                    .ToListAsync(CancellationToken.None));
            }
        }

        var recorded = true;
        for (var i = 0; i < claims.Count; i++)
        {
            if (attempts[i] is { Complete: true, Failure: null } && !left.Contains(claims[i].OutboxId))
                continue;
            recorded &= await Record(dbContext, claims[i], attempts[i], options);
        }
        return recorded;
    }

    /// <summary>Records one attempt under its claim; false when the claim was lost (it expired and another relay took the outbox).</summary>
    async Task<bool> Record(TContext dbContext, OutboxClaim claim, Attempt attempt, BusOutboxOptions options)
    {
        var now = Now;
        var claimed = dbContext.Set<OutboxState>().Where(o => o.OutboxId == claim.OutboxId && o.LockId == claim.LockId);
        var failure = attempt.Failure;
        var attempts = claim.Attempts + 1;
        var nextAttempt = now + options.BackOff(attempts);
        var updated = await claimed.ExecuteUpdateAsync(s =>
        {
            s.SetProperty(o => o.ClaimedUntil, (DateTime?)null);
            s.SetProperty(o => o.LastSequenceNumber, attempt.LastSequenceNumber == 0 ? null : attempt.LastSequenceNumber);
            if (failure is { BrokerDown: false })
            {
                s.SetProperty(o => o.DeliveryAttempts, attempts);
                s.SetProperty(o => o.NextAttemptAt, nextAttempt);
                s.SetProperty(o => o.LastError, Cut(failure.Description));
            }
            else if (failure != null)
                s.SetProperty(o => o.LastError, Cut(failure.Description));
            else if (attempt.Sent > 0)
            {
                // Progress ends a run of failures.
                s.SetProperty(o => o.DeliveryAttempts, 0);
                s.SetProperty(o => o.NextAttemptAt, (DateTime?)null);
                s.SetProperty(o => o.LastError, (string?)null);
            }
        }, CancellationToken.None);

        if (updated == 0)
        {
            _logger.LogWarning("Bus outbox {OutboxId} of {Context}: the claim expired before its progress was recorded ({Sent} sent); "
                               + "another relay took it over and may send them again", claim.OutboxId, ContextName, attempt.Sent);
            return false;
        }

        if (attempt.Sent > 0)
        {
            await dbContext.Set<OutboxMessage>()
                .Where(m => m.OutboxId == claim.OutboxId && m.SequenceNumber <= attempt.LastSequenceNumber)
                .ExecuteDeleteAsync(CancellationToken.None);
        }

        if (attempt.Complete && !await dbContext.Set<OutboxMessage>().AnyAsync(m => m.OutboxId == claim.OutboxId, CancellationToken.None))
            await claimed.ExecuteDeleteAsync(CancellationToken.None);

        if (failure is { BrokerDown: false })
        {
            _logger.LogWarning(failure.Exception, "Bus outbox {OutboxId} of {Context} not delivered (attempt {Attempt}), next attempt at {NextAttemptAt:O}: {Error}",
                claim.OutboxId, ContextName, attempts, nextAttempt, failure.Description);
        }
        else if (failure != null)
        {
            _logger.LogDebug(failure.Exception, "Bus outbox {OutboxId} of {Context} not delivered, the broker is down: {Error}",
                claim.OutboxId, ContextName, failure.Description);
        }
        return true;
    }

    static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        for (var inner = exception.InnerException; inner != null; inner = inner.InnerException)
            text += $" ({inner.GetType().Name}: {inner.Message})";
        return text;
    }

    static string Cut(string text) => text.Length <= OutboxState.LastErrorMaxLength ? text : text[..OutboxState.LastErrorMaxLength];

    sealed record OutboxClaim(Guid OutboxId, Guid LockId, DateTime ClaimedAt, long LastSequenceNumber, int Attempts);

    sealed record Failure(string Description, bool BrokerDown, Exception Exception);

    /// <param name="Complete">Every message of the outbox was sent (fewer than the delivery limit were left).</param>
    sealed record Attempt(int Sent, long LastSequenceNumber, bool Complete, Failure? Failure);
}

/// <summary>What one pass of <see cref="BusOutboxRelay{TContext}"/> did.</summary>
/// <param name="Sent">Messages handed to the broker.</param>
/// <param name="FailedOutboxes">Outboxes whose attempt failed and that now back off.</param>
/// <param name="BrokerDown">The pass ended early: the broker (or the bus) could not be used.</param>
/// <param name="Looked">The pass looked for every due outbox (<see cref="BusOutboxRelay{TContext}.DeliverPending"/>).</param>
/// <param name="LeftSome">An outbox it was given or claimed is not delivered in full (not found due, more to send, a failure).</param>
public readonly record struct RelayPass(int Sent, int FailedOutboxes, bool BrokerDown, bool Looked = false, bool LeftSome = false)
{
    /// <summary>A pass followed by one more batch: counts added, each flag set if either sets it.</summary>
    public static RelayPass operator +(RelayPass pass, RelayPass batch) =>
        new(pass.Sent + batch.Sent, pass.FailedOutboxes + batch.FailedOutboxes, pass.BrokerDown || batch.BrokerDown,
            pass.Looked || batch.Looked, pass.LeftSome || batch.LeftSome);
}
