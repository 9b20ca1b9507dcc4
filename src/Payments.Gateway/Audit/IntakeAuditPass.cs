using Microsoft.EntityFrameworkCore;
using Payments.Gateway.Data;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;

namespace Payments.Gateway.Audit;

/// <summary>
/// Writes the audit trail's intake entry of each accepted Stripe event after the gateway's commit, from the committed record: the
/// records whose <see cref="WebhookEvent.AuditedAt"/> is empty (a partial index), oldest first, up to <see cref="BatchSize"/> entries
/// in one commit of the audit database, then marked. Woken by the ingest's commit (<see cref="IntakeAuditSignal"/>), at most every
/// 20 ms, and every <see cref="Interval"/> for the records other processes committed (<c>payments backfill</c>, another replica).
/// </summary>
/// <remarks>
/// Off the webhook's request path, so Stripe's answer waits for one commit, not two (the audit trail is a database of its own), and an
/// audit database that is down costs no redelivery: the records wait, and the pass retries with a growing pause. A write that reaches
/// the trail before its intake gets the intake's flow, subject and cause when the intake is recorded (<see cref="EfAuditTrail"/>).
/// Two replicas may record the same intake: entries are idempotent by id.
/// </remarks>
public sealed class IntakeAuditPass(
    IServiceScopeFactory scopes,
    IAuditTrail trail,
    IntakeAuditSignal signal,
    TimeProvider time,
    ILogger<IntakeAuditPass> logger) : BackgroundService
{
    public const int BatchSize = 200;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);
    static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);
    static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    int _failures;
    DateTimeOffset? _failingSince;
    string? _lastError;

    /// <summary>Since when the pass fails (null while it succeeds), how many attempts in a row, and the last error: for the health check.</summary>
    public (DateTimeOffset? Since, int Attempts, string? Error) Failing => (_failingSince, Volatile.Read(ref _failures), _lastError);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecordUntilStoppedAsync(stoppingToken);
        await RecordWaitingAsync();
    }

    async Task RecordUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int recorded;
                while ((recorded = await RecordDueAsync(stoppingToken)) == BatchSize)
                {
                }
                if (_failures > 0)
                    logger.LogInformation("Intake entries are reaching the audit trail again after {Failures} failed attempts", _failures);
                _failingSince = null;
                Volatile.Write(ref _failures, 0);
                // Under load, a short pause lets the next batch gather the webhooks of several commits: two commits per batch, not
                // per webhook, beside the webhooks' own. Shorter than a flow takes to its first write, so that write finds its intake.
                if (recorded > 0)
                    await Task.Delay(Gather, time, stoppingToken);
                await signal.WaitAsync(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Only this loop writes the count; the health check reads it.
                var failures = _failures + 1;
                _failingSince ??= time.GetUtcNow();
                _lastError = e.Message;
                Volatile.Write(ref _failures, failures);
                var pause = TimeSpan.FromSeconds(Math.Min(LongestPause.TotalSeconds, Math.Pow(2, failures - 1)));
                logger.LogWarning(e, "Intake entries of accepted Stripe events could not be recorded in the audit trail (attempt {Failures}); " +
                                     "the events are committed and published, their entries wait; retrying in {Pause}", failures, pause);
                try
                {
                    await Task.Delay(pause, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// On a graceful stop, the records committed since the last round are written now rather than at the next start (or by another
    /// replica): a sandbox or a deployment that stops right after its last webhooks still has their intakes. Bounded by
    /// <see cref="StopBound"/>, so an audit database that is down does not hold the stop; the records then wait as before.
    /// </summary>
    async Task RecordWaitingAsync()
    {
        using var bound = new CancellationTokenSource(StopBound);
        try
        {
            var recorded = 0;
            int batch;
            while ((batch = await RecordDueAsync(bound.Token)) > 0)
            {
                recorded += batch;
                if (batch < BatchSize)
                    break;
            }
            if (recorded > 0)
                logger.LogInformation("Recorded the intake entries of {Count} Stripe events in the audit trail while stopping", recorded);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Intake entries of accepted Stripe events were still waiting when the gateway stopped and could not be recorded; " +
                                 "they are recorded at the next start");
        }
    }

    /// <summary>One batch: records the intake entries of up to <see cref="BatchSize"/> records not yet audited and marks them; how many.</summary>
    public async Task<int> RecordDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var due = await db.WebhookEvents.AsNoTracking()
            .Where(e => e.AuditedAt == null && e.Source == WebhookSources.Stripe)
            .OrderBy(e => e.ReceivedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
            return 0;

        // Once begun, a batch is finished even when the host stops: its entries, the writes they complete, and the marks.
        await trail.RecordAllAsync(due.Select(StripeEventIntake.EntryOf).ToList(), CancellationToken.None);

        // The mark need not survive a database crash (as the relay's bookkeeping, BusOutboxRelay.InTransaction): a lost mark only
        // records the batch again, and entries are idempotent. So on PostgreSQL it does not wait for its own disk flush.
        var eventIds = due.Select(e => e.EventId).ToList();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Database.SkipCommitFlushAsync();
        await db.WebhookEvents
            .Where(e => e.Source == WebhookSources.Stripe && eventIds.Contains(e.EventId) && e.AuditedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.AuditedAt, now), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        logger.LogDebug("Recorded the intake entries of {Count} Stripe events in the audit trail", due.Count);
        return due.Count;
    }
}
