using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Intake;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>
/// Znode account changes for customer-sync, with the order poller's discipline (<see cref="ZnodeOrderPoller"/>): every
/// <c>Znode:Accounts:PollInterval</c> the replica holding the <c>znode-accounts</c> lease reads <c>customeraccount/list</c> filtered
/// on the modified date from its checkpoint less the overlap, sorted on it, a page at a time (keyset). Of each page it takes the
/// accounts linked to a Stripe customer (this service's <see cref="CustomerLink"/> copy) whose modified date was not reported yet,
/// reads each with its default billing address, and in one transaction per page renews the lease, publishes
/// <see cref="ZnodeAccountReported"/> through the bus outbox of the service's database, records the modified date reported
/// (<see cref="ReportedAccount"/>: once per change) and moves the checkpoint; the relay sends them after the commit. An account
/// that is not linked is left to a person (<c>payments customers suggest-links</c>). Our own writes come back as changes too: the
/// saga's merge sees their values applied already.
/// </summary>
public sealed class ZnodeAccountPoller(
    IServiceScopeFactory scopes,
    BusOutboxRelay<ZnodeServiceDbContext> relay,
    IOptions<ZnodeAccountOptions> options,
    IOptions<ZnodeOptions> znode,
    TimeProvider time,
    IntakeAuditing audit,
    ILogger<ZnodeAccountPoller> logger) : BackgroundService
{
    public const string LeaseName = "znode-accounts";
    const int MaxConflictAttempts = 5;

    /// <summary>This replica's name in the lease row.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    ZnodeAccountOptions Settings => options.Value;

    DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Enabled)
        {
            logger.LogInformation("Znode account poller off (Znode:Accounts:Enabled=false): Znode account changes are not sent to Stripe or P21");
            return;
        }
        var wasHolder = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await RunRoundAsync(stoppingToken);
                if (round.HeldLease != wasHolder)
                    logger.LogInformation(round.HeldLease ? "Znode account poller {Holder} holds the lease and polls" : "Znode account poller {Holder} stands by (another replica polls)", Holder);
                wasHolder = round.HeldLease;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (TransientFailureException e)
            {
                logger.LogWarning("Znode account poll round failed, trying again in {Interval}: {Reason}", Settings.PollInterval, e.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Znode account poll round failed, trying again in {Interval}", Settings.PollInterval);
            }
            await Task.Delay(Settings.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (wasHolder) await ReleaseAsync();
    }

    /// <summary>One round: take (or keep) the lease; if held, send what the outbox holds, then read and report every page. <see cref="PollRound.Published"/> counts the accounts reported, <see cref="PollRound.Skipped"/> those not linked or reported already.</summary>
    public async Task<PollRound> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>();
            if (!await PollerLeases.TryHoldAsync(db, LeaseName, Holder, UtcNow, Settings.LeaseDuration, cancellationToken))
                return new PollRound(false, 0, 0, 0, null);
        }
        await relay.DeliverPending(cancellationToken);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(znode.Value.TimeZone);
        var checkpoint = await ReadCheckpointAsync(cancellationToken);
        var cursor = ZnodeTime.FromOffset(new DateTimeOffset(checkpoint, TimeSpan.Zero) - Settings.Overlap, zone);
        var seen = new HashSet<int>();
        int listed = 0, published = 0, skipped = 0, index = 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            var rows = await ListAsync(cursor, index, cancellationToken);
            listed += rows.Count;
            var fresh = rows.Where(r => r.UserId > 0 && seen.Add(r.UserId)).ToList();
            var latest = rows.Count == 0 ? (DateTime?)null : rows.Max(r => r.ModifiedDate);
            if (latest is { } pageLatest)
            {
                var page = await ReportPageAsync(fresh, zone, ZnodeTime.ToOffset(pageLatest, zone).UtcDateTime, cancellationToken);
                published += page.Published;
                skipped += page.Skipped;
                checkpoint = page.CheckpointUtc;
            }
            if (rows.Count < Settings.PageSize || latest is null) break;
            if (latest > cursor)
            {
                cursor = latest.Value;
                index = 1;
            }
            else
            {
                index++; // a whole page of accounts modified at the same instant: page on within it
            }
        }
        return new PollRound(true, listed, published, skipped, checkpoint);
    }

    async Task<IReadOnlyList<ZnodeUserModel>> ListAsync(DateTime from, int index, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<ZnodeClient>();
        var column = Settings.ModifiedDateColumn;
        var filter = $"{column}~ge~{from.ToString(Settings.FilterDateFormat, CultureInfo.InvariantCulture)}";
        return await client.ListUsersAsync(Settings.ListAsUserId, filter, $"{column}~asc", index, Settings.PageSize, cancellationToken);
    }

    async Task<DateTime> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>();
        if (await db.IntakeCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == LeaseName, cancellationToken) is { } existing)
            return existing.ModifiedThroughUtc;
        var start = UtcNow - Settings.InitialLookback;
        db.IntakeCheckpoints.Add(new IntakeCheckpoint { Name = LeaseName, ModifiedThroughUtc = start, UpdatedAtUtc = UtcNow });
        try
        {
            using (ExpectedDatabaseErrors.UniqueViolations())
                await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Znode account poller starts reading at {Start:O} (UTC; Znode:Accounts:InitialLookback {Lookback})", start, Settings.InitialLookback);
            return start;
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (await db.IntakeCheckpoints.AsNoTracking().FirstAsync(c => c.Name == LeaseName, cancellationToken)).ModifiedThroughUtc;
        }
    }

    /// <summary>Reads the linked accounts of a page not reported at their modified date yet, then reports them and moves the checkpoint, in one commit.</summary>
    async Task<(int Published, int Skipped, DateTime CheckpointUtc)> ReportPageAsync(IReadOnlyList<ZnodeUserModel> rows, TimeZoneInfo zone, DateTime pageLatestUtc,
        CancellationToken cancellationToken)
    {
        var reports = new List<ZnodeAccountReported>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>();
            var accounts = scope.ServiceProvider.GetRequiredService<ZnodeAccounts>();
            var ids = rows.Select(r => r.UserId).ToList();
            var links = await db.CustomerLinks.AsNoTracking().Where(l => l.ZnodeUserId != null && ids.Contains(l.ZnodeUserId.Value) && !l.Unlinked).ToListAsync(cancellationToken);
            var reported = await db.ReportedAccounts.AsNoTracking().Where(r => ids.Contains(r.ZnodeUserId)).ToDictionaryAsync(r => r.ZnodeUserId, r => r.ModifiedAtUtc, cancellationToken);
            foreach (var row in rows)
            {
                var modifiedUtc = ZnodeTime.ToOffset(row.ModifiedDate, zone).UtcDateTime;
                // Two Stripe customers linked to one Znode user (a person's doing): report to the most recently linked.
                if (links.Where(l => l.ZnodeUserId == row.UserId).OrderByDescending(l => l.ChangedAt).FirstOrDefault() is not { } link)
                {
                    logger.LogDebug("Znode account {UserId} changed at {Modified} but is linked to no Stripe customer; not reported", row.UserId, row.ModifiedDate);
                    continue;
                }
                if (reported.TryGetValue(row.UserId, out var at) && at >= modifiedUtc) continue;
                if (await accounts.ReadAsync(row.UserId, cancellationToken) is not { } account)
                {
                    logger.LogWarning("Znode listed account {UserId} but answered 204 when it was read; it is left out", row.UserId);
                    continue;
                }
                // The account as read now: its modified date may be later than the list row's (a change between the two reads).
                var modified = account.User.ModifiedDate > row.ModifiedDate ? account.User.ModifiedDate : row.ModifiedDate;
                reports.Add(new ZnodeAccountReported
                {
                    CorrelationId = CorrelationKey.StripeCustomer(link.StripeCustomerId).ToGuid(),
                    StripeCustomerId = link.StripeCustomerId,
                    ZnodeUserId = row.UserId,
                    Fields = account.Fields(),
                    ModifiedAt = ZnodeTime.ToOffset(modified, zone).ToUniversalTime(),
                    Created = account.User.CreatedDate == modified,
                });
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>();
            try
            {
                var result = await CommitPageAsync(scope.ServiceProvider, db, reports, pageLatestUtc);
                foreach (var report in result.Reported)
                {
                    // After the commit: a page that rolled back took nothing in. One entry per reported change of the account.
                    var cause = CorrelationKey.StripeCustomer(report.StripeCustomerId);
                    await audit.RecordAsync(cause, $"{cause}@znode-account:{report.ZnodeUserId}:{report.ModifiedAt:O}", FlowNames.CustomerSync,
                        nameof(ZnodeAccountReported), $"poller account {report.ZnodeUserId}",
                        $"Znode account {report.ZnodeUserId} changed at {report.ModifiedAt:O}: {string.Join(", ", report.Fields.Keys)}",
                        $"published {nameof(ZnodeAccountReported)}", $"{report.StripeCustomerId} {report.ZnodeUserId}", cancellationToken);
                }
                await relay.DeliverPending(cancellationToken);
                return (result.Reported.Count, rows.Count - result.Reported.Count, result.CheckpointUtc);
            }
            catch (Exception e) when (attempt < MaxConflictAttempts && ConcurrencyConflicts.IsConflict(e))
            {
                logger.LogDebug("Znode account page commit conflicted (attempt {Attempt}); running it again", attempt);
            }
        }
    }

    async Task<(IReadOnlyList<ZnodeAccountReported> Reported, DateTime CheckpointUtc)> CommitPageAsync(IServiceProvider services, ZnodeServiceDbContext db, IReadOnlyList<ZnodeAccountReported> reports,
        DateTime pageLatestUtc)
    {
        var outboxOptions = services.GetRequiredService<IOptions<OutboxOptions<ZnodeServiceDbContext>>>().Value;
        // Not cancelled by a stop once begun: the page commits whole or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(outboxOptions.IsolationLevel, CancellationToken.None);
        if (!await PollerLeases.RenewAsync(db, LeaseName, Holder, UtcNow, Settings.LeaseDuration, takeExpired: false, CancellationToken.None))
            throw new TransientFailureException($"The Znode account poller lease passed to another replica while {Holder} read a page; the page is left to it.");

        using var outbox = ActivatorUtilities.CreateInstance<OutboxScopedBusContextProvider<ZnodeServiceDbContext>>(services);
        var published = new List<ZnodeAccountReported>();
        foreach (var report in reports)
        {
            var modifiedUtc = report.ModifiedAt.UtcDateTime;
            var row = await db.ReportedAccounts.FindAsync([report.ZnodeUserId], CancellationToken.None);
            if (row is not null && row.ModifiedAtUtc >= modifiedUtc) continue; // another replica reported it meanwhile
            if (row is null) db.ReportedAccounts.Add(row = new ReportedAccount { ZnodeUserId = report.ZnodeUserId });
            row.ModifiedAtUtc = modifiedUtc;
            row.ReportedAtUtc = UtcNow;
            await outbox.Context.PublishEndpoint.Publish(report, CancellationToken.None);
            published.Add(report);
        }

        var checkpoint = await db.IntakeCheckpoints.FirstAsync(c => c.Name == LeaseName, CancellationToken.None);
        if (pageLatestUtc > checkpoint.ModifiedThroughUtc)
        {
            checkpoint.ModifiedThroughUtc = pageLatestUtc;
            checkpoint.UpdatedAtUtc = UtcNow;
            checkpoint.Version++;
        }
        using (ExpectedDatabaseErrors.Expect(ConcurrencyConflicts.IsConflict))
            await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return (published, checkpoint.ModifiedThroughUtc);
    }

    async Task ReleaseAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await PollerLeases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>(), LeaseName, Holder, UtcNow, CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogDebug(e, "The Znode account poller lease was not released; it expires by itself");
        }
    }
}
