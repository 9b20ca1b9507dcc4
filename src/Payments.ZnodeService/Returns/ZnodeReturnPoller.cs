using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Intake;

namespace Payments.ZnodeService.Returns;

/// <summary>
/// The return intake, with the order poller's discipline (<see cref="ZnodeOrderPoller"/>): every <c>Znode:Returns:PollInterval</c>
/// the replica holding the <c>znode-returns</c> lease reads <c>rmareturn/list</c> filtered on the modified date from its checkpoint
/// less the overlap, sorted on it, a page at a time (keyset). Of each page it takes the returns in an approved state
/// (<c>Znode:Returns:ApprovedStates</c>) not taken in yet, reads each one and its order (the Stripe transaction id, the currency),
/// and in one transaction per page renews the lease, publishes them through the bus outbox of the service's database and records
/// them by return number (<see cref="ReturnIntake"/>), and moves the checkpoint; the relay sends them after the commit. A return is
/// announced once: a crash before the commit reads the page again and finds nothing recorded; a second sighting finds the row.
/// </summary>
public sealed class ZnodeReturnPoller(
    IServiceScopeFactory scopes,
    BusOutboxRelay<ZnodeServiceDbContext> relay,
    IOptions<ZnodeReturnOptions> options,
    IOptions<ZnodeOptions> znode,
    TimeProvider time,
    ILogger<ZnodeReturnPoller> logger) : BackgroundService
{
    public const string LeaseName = "znode-returns";
    const int MaxConflictAttempts = 5;

    /// <summary>This replica's name in the lease row.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    ZnodeReturnOptions Settings => options.Value;

    DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Poll)
        {
            logger.LogInformation("Znode return poller off (Znode:Returns:Poll=false)");
            return;
        }
        var wasHolder = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await RunRoundAsync(stoppingToken);
                if (round.HeldLease != wasHolder)
                    logger.LogInformation(round.HeldLease ? "Znode return poller {Holder} holds the lease and polls" : "Znode return poller {Holder} stands by (another replica polls)", Holder);
                wasHolder = round.HeldLease;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (TransientFailureException e)
            {
                logger.LogWarning("Znode return poll round failed, trying again in {Interval}: {Reason}", Settings.PollInterval, e.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Znode return poll round failed, trying again in {Interval}", Settings.PollInterval);
            }
            await Task.Delay(Settings.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (wasHolder) await ReleaseAsync();
    }

    /// <summary>One round: take (or keep) the lease; if held, send what the outbox holds, then read and take in every page.</summary>
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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int listed = 0, published = 0, skipped = 0, index = 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            var rows = await ListAsync(cursor, index, cancellationToken);
            listed += rows.Count;
            var fresh = rows.Where(r => r.ReturnNumber is { Length: > 0 } number && IsApproved(r) && seen.Add(number)).ToList();
            var latest = rows.Count == 0 ? (DateTime?)null : rows.Max(Modified);
            if (latest is { } pageLatest)
            {
                var page = await TakeInPageAsync(fresh, ZnodeTime.ToOffset(pageLatest, zone).UtcDateTime, cancellationToken);
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
                index++; // a whole page modified at the same instant: page on within it
            }
        }
        return new PollRound(true, listed, published, skipped, checkpoint);
    }

    bool IsApproved(ZnodeReturnModel item) =>
        Settings.ApprovedStates.Any(s => string.Equals(s.Trim(), item.ReturnStatus?.Trim(), StringComparison.OrdinalIgnoreCase));

    static DateTime Modified(ZnodeReturnModel item) => item.ModifiedDate ?? item.ReturnDate ?? DateTime.MinValue;

    async Task<IReadOnlyList<ZnodeReturnModel>> ListAsync(DateTime from, int index, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<ZnodeClient>();
        var column = Settings.ModifiedDateColumn;
        var filter = $"{column}~ge~{from.ToString(Settings.FilterDateFormat, CultureInfo.InvariantCulture)}";
        return await client.ListReturnsAsync(filter, $"{column}~asc", index, Settings.PageSize, cancellationToken);
    }

    /// <summary>The checkpoint (UTC); on the very first round it is made: now less <c>Znode:Returns:InitialLookback</c>.</summary>
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
            logger.LogInformation("Znode return poller starts reading at {Start:O} (UTC; Znode:Returns:InitialLookback {Lookback})", start, Settings.InitialLookback);
            return start;
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (await db.IntakeCheckpoints.AsNoTracking().FirstAsync(c => c.Name == LeaseName, cancellationToken)).ModifiedThroughUtc;
        }
    }

    /// <summary>Reads the page's approved returns not yet taken in (and their orders), then publishes, records and moves the checkpoint in one commit.</summary>
    async Task<(int Published, int Skipped, DateTime CheckpointUtc)> TakeInPageAsync(IReadOnlyList<ZnodeReturnModel> rows, DateTime pageLatestUtc,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var details = new List<ApprovedReturn>();
            await using (var scope = scopes.CreateAsyncScope())
            {
                var intake = scope.ServiceProvider.GetRequiredService<ReturnIntake>();
                var client = scope.ServiceProvider.GetRequiredService<ZnodeClient>();
                var known = await intake.KnownAsync(rows.Select(r => r.ReturnNumber!), cancellationToken);
                foreach (var row in rows.Where(r => !known.Contains(r.ReturnNumber!)))
                {
                    // The list row may be stale or thin: the return itself says what is approved now.
                    if (await client.GetReturnAsync(row.ReturnNumber!, cancellationToken) is not { } item || !IsApproved(item)) continue;
                    var order = item.OrderNumber is { Length: > 0 } orderNumber ? await client.GetOrderByNumberAsync(orderNumber, withHistory: false, cancellationToken) : null;
                    details.Add(new ApprovedReturn(item, order));
                }
            }
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>();
                try
                {
                    var result = await CommitPageAsync(scope.ServiceProvider, db, details, pageLatestUtc);
                    await relay.DeliverPending(cancellationToken);
                    return result;
                }
                catch (Exception e) when (attempt < MaxConflictAttempts && ConcurrencyConflicts.IsConflict(e))
                {
                    logger.LogDebug("Znode return intake page commit conflicted (attempt {Attempt}); running it again", attempt);
                }
            }
        }
    }

    async Task<(int Published, int Skipped, DateTime CheckpointUtc)> CommitPageAsync(IServiceProvider services, ZnodeServiceDbContext db,
        IReadOnlyList<ApprovedReturn> returns, DateTime pageLatestUtc)
    {
        var intake = services.GetRequiredService<ReturnIntake>();
        var outboxOptions = services.GetRequiredService<IOptions<OutboxOptions<ZnodeServiceDbContext>>>().Value;
        // Not cancelled by a stop once begun: the page commits whole or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(outboxOptions.IsolationLevel, CancellationToken.None);
        if (!await PollerLeases.RenewAsync(db, LeaseName, Holder, UtcNow, Settings.LeaseDuration, takeExpired: false, CancellationToken.None))
            throw new TransientFailureException($"The Znode return poller lease passed to another replica while {Holder} read a page; the page is left to it.");

        using var outbox = ActivatorUtilities.CreateInstance<OutboxScopedBusContextProvider<ZnodeServiceDbContext>>(services);
        var result = await intake.TakeInAsync(returns, outbox.Context.PublishEndpoint, CancellationToken.None);

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
        return (result.Published, result.Skipped, checkpoint.ModifiedThroughUtc);
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
            logger.LogDebug(e, "The Znode return poller lease was not released; it expires by itself");
        }
    }
}
