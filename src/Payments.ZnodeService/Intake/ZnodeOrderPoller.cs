using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Data;

namespace Payments.ZnodeService.Intake;

/// <summary>What one poll round did.</summary>
public readonly record struct PollRound(bool HeldLease, int Listed, int Published, int Skipped, DateTime? CheckpointUtc);

/// <summary>
/// The intake for Znode 9.x, which sends nothing: every <c>Znode:Intake:PollInterval</c> the replica holding the lease
/// (<see cref="PollerLeases"/>) reads <c>orders/list</c> filtered on the modified date from the checkpoint less the overlap, sorted
/// on it, a page at a time (keyset: each page starts at the last page's latest date, so orders that change while it pages do not
/// shift a row past it). It reads each order not yet taken in, then, in one transaction per page: the lease is renewed (or the
/// page is dropped), the orders are published through the bus outbox of the service's database and recorded by number
/// (<see cref="OrderIntake"/>), and the checkpoint moves to the page's latest modified date. After the commit the relay sends
/// them. A crash before the commit leaves the checkpoint behind: the next round reads the page again and publishes what is not
/// recorded. A crash after it loses nothing either: the outbox rows are sent by the next round's relay.
/// </summary>
/// <remarks>
/// The bus outbox is made for this database explicitly rather than through the process's scoped publish endpoint: in the
/// all-in-one sandbox that endpoint belongs to the gateway's database. For the same reason the poller runs the relay itself after
/// each commit (as the scheduler does) instead of a relay service waiting on the process's one outbox notification.
/// </remarks>
public sealed class ZnodeOrderPoller(
    IServiceScopeFactory scopes,
    BusOutboxRelay<ZnodeServiceDbContext> relay,
    IOptions<ZnodeIntakeOptions> options,
    IOptions<ZnodeOptions> znode,
    TimeProvider time,
    ILogger<ZnodeOrderPoller> logger) : BackgroundService
{
    public const string LeaseName = "znode-orders";
    public const string Source = "poller";
    const int MaxConflictAttempts = 5;

    /// <summary>This replica's name in the lease row.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    ZnodeIntakeOptions Settings => options.Value;

    DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Poll)
        {
            logger.LogInformation("Znode order poller off (Znode:Intake:Poll=false): orders come in by webhook only");
            return;
        }
        var wasHolder = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await RunRoundAsync(stoppingToken);
                if (round.HeldLease != wasHolder)
                    logger.LogInformation(round.HeldLease ? "Znode order poller {Holder} holds the lease and polls" : "Znode order poller {Holder} stands by (another replica polls)", Holder);
                wasHolder = round.HeldLease;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (TransientFailureException e)
            {
                logger.LogWarning("Znode order poll round failed, trying again in {Interval}: {Reason}", Settings.PollInterval, e.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Znode order poll round failed, trying again in {Interval}", Settings.PollInterval);
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
        // Outbox rows a crash (or a broker outage) left behind, also another replica's.
        await relay.DeliverPending(cancellationToken);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(znode.Value.TimeZone);
        var checkpoint = await ReadCheckpointAsync(cancellationToken);
        var cursor = ZnodeTime.FromOffset(new DateTimeOffset(checkpoint, TimeSpan.Zero) - Settings.Overlap, zone);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int listed = 0, published = 0, skipped = 0, index = 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (rows, _) = await ListAsync(cursor, index, cancellationToken);
            listed += rows.Count;
            var fresh = rows.Where(r => r.OrderNumber is { Length: > 0 } number && seen.Add(number)).ToList();
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
                index++; // a whole page of orders modified at the same instant: page on within it
            }
        }
        return new PollRound(true, listed, published, skipped, checkpoint);
    }

    static DateTime Modified(ZnodeOrderModel order) => order.OrderModifiedDate ?? order.OrderDate;

    async Task<(IReadOnlyList<ZnodeOrderModel> Rows, int Total)> ListAsync(DateTime from, int index, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<ZnodeClient>();
        var column = Settings.ModifiedDateColumn;
        var filter = $"{column}~ge~{from.ToString(Settings.FilterDateFormat, CultureInfo.InvariantCulture)}";
        return await client.ListOrdersAsync(filter, $"{column}~asc", index, Settings.PageSize, cancellationToken);
    }

    /// <summary>The checkpoint (UTC); on the very first round it is made: now less <c>Znode:Intake:InitialLookback</c>.</summary>
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
            logger.LogInformation("Znode order poller starts reading at {Start:O} (UTC; Znode:Intake:InitialLookback {Lookback})", start, Settings.InitialLookback);
            return start;
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (await db.IntakeCheckpoints.AsNoTracking().FirstAsync(c => c.Name == LeaseName, cancellationToken)).ModifiedThroughUtc;
        }
    }

    /// <summary>Reads the orders of a page not yet taken in, then publishes and records them and moves the checkpoint, in one commit.</summary>
    async Task<(int Published, int Skipped, DateTime CheckpointUtc)> TakeInPageAsync(IReadOnlyList<ZnodeOrderModel> rows, DateTime pageLatestUtc,
        CancellationToken cancellationToken)
    {
        // The list rows hold neither lines nor addresses: read each new order in full, before the transaction (no HTTP inside it).
        var details = new List<ZnodeOrderModel>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<OrderIntake>();
            var client = scope.ServiceProvider.GetRequiredService<ZnodeClient>();
            var known = await intake.KnownAsync(rows.Select(r => r.OrderNumber!), cancellationToken);
            foreach (var row in rows.Where(r => !known.Contains(r.OrderNumber!)))
            {
                if (await client.GetOrderAsync(row.OmsOrderId, withHistory: false, cancellationToken) is { } order)
                    details.Add(order);
                else
                    logger.LogWarning("Znode listed order {OrderNumber} ({OmsOrderId}) but answered 204 when it was read; it is left out", row.OrderNumber, row.OmsOrderId);
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>();
            try
            {
                var result = await CommitPageAsync(scope.ServiceProvider, db, details, pageLatestUtc, cancellationToken);
                await relay.DeliverPending(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt < MaxConflictAttempts && ConcurrencyConflicts.IsConflict(e))
            {
                // Lost a race (the webhook consumer took one of these orders in, or another poller moved the checkpoint): read again.
                logger.LogDebug("Znode intake page commit conflicted (attempt {Attempt}); running it again", attempt);
            }
        }
    }

    async Task<(int Published, int Skipped, DateTime CheckpointUtc)> CommitPageAsync(IServiceProvider services, ZnodeServiceDbContext db,
        IReadOnlyList<ZnodeOrderModel> orders, DateTime pageLatestUtc, CancellationToken cancellationToken)
    {
        var intake = services.GetRequiredService<OrderIntake>();
        var outboxOptions = services.GetRequiredService<IOptions<OutboxOptions<ZnodeServiceDbContext>>>().Value;
        // Not cancelled by a stop once begun: the page commits whole or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(outboxOptions.IsolationLevel, CancellationToken.None);
        if (!await PollerLeases.RenewAsync(db, LeaseName, Holder, UtcNow, Settings.LeaseDuration, takeExpired: false, CancellationToken.None))
            throw new TransientFailureException($"The Znode poller lease passed to another replica while {Holder} read a page; the page is left to it.");

        using var outbox = ActivatorUtilities.CreateInstance<OutboxScopedBusContextProvider<ZnodeServiceDbContext>>(services);
        var result = await intake.TakeInAsync(orders, Source, outbox.Context.PublishEndpoint, CancellationToken.None);

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
            logger.LogDebug(e, "The Znode poller lease was not released; it expires by itself");
        }
    }
}
