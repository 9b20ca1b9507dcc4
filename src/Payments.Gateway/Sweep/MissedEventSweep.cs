using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.Operations;
using Payments.Gateway.Data;
using Payments.Gateway.Ingest;
using Payments.Gateway.Mappers;
using Payments.Gateway.Webhooks;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;
using Stripe;

namespace Payments.Gateway.Sweep;

/// <summary>What one sweep round did: whether it ran (this replica holds the lease), events listed, fed (new to the gateway), and the checkpoint.</summary>
public readonly record struct SweepRound(bool Ran, int Listed, int Fed, DateTimeOffset? Through, MissedEventsFound? Found);

/// <summary>
/// Finds the Stripe events the gateway never recorded — webhooks lost to an outage, a disabled endpoint, a wrong secret — and feeds
/// them through the same ingest and de-duplication as webhooks (<see cref="StripeEventIngest"/>). Every <c>Gateway:Sweep:Interval</c>
/// the replica holding the lease (<see cref="IngestLeases"/>) lists <c>/v1/events?delivery_success=false</c> (what Stripe still owes
/// an endpoint, however old), then every event created since its checkpoint less <c>Gateway:Sweep:Overlap</c>, both of the types the
/// gateway's mappers take; the ones not in
/// WebhookEvents (nor kept in RejectedWebhooks) are fed oldest first. When it fed any, one <see cref="MissedEventsFound"/> goes out
/// through the outbox with the checkpoint's move, and one warning is logged. Without <c>Stripe:ApiKey</c> it is off.
/// </summary>
/// <remarks>
/// Correctness rests on the event-id key, not on the lease: a sweeper paused past its lease, or a webhook arriving at the same moment,
/// finds the event recorded and publishes nothing. The lease keeps a second replica from listing the same pages for nothing.
/// </remarks>
public sealed class MissedEventSweep(
    IServiceScopeFactory scopes,
    IServiceProvider services,
    StripeEventMappers mappers,
    IOptions<SweepOptions> options,
    IOptions<StripeApiOptions> stripe,
    IOptionsMonitor<GatewayOptions> gateway,
    TimeProvider time,
    ILogger<MissedEventSweep> logger) : BackgroundService
{
    public const string Name = "sweep";

    /// <summary>This replica's name in the lease row.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    SweepOptions Settings => options.Value;

    /// <summary>Has a key to read Stripe's events with, and is not switched off.</summary>
    public bool IsOn => Settings.Enabled && !string.IsNullOrWhiteSpace(stripe.Value.ApiKey);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsOn)
        {
            logger.LogInformation(Settings.Enabled
                ? "Missed-event sweep off: no Stripe:ApiKey to list Stripe's events with; events lost by webhooks are not looked for"
                : "Missed-event sweep off (Gateway:Sweep:Enabled=false)");
            return;
        }
        var wasRunning = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await RunRoundAsync(stoppingToken);
                if (round.Ran != wasRunning)
                    logger.LogInformation(round.Ran ? "Missed-event sweep {Holder} holds the lease and sweeps" : "Missed-event sweep {Holder} stands by (another replica sweeps)", Holder);
                wasRunning = round.Ran;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (StripeException e)
            {
                logger.LogWarning("Missed-event sweep could not read Stripe's events, trying again in {Interval}: {Reason}", Settings.Interval, e.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Missed-event sweep round failed, trying again in {Interval}", Settings.Interval);
            }
            await Task.Delay(Settings.Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (wasRunning) await ReleaseAsync();
    }

    /// <summary>One round: take (or keep) the lease; if held, list what Stripe has and feed what the gateway lacks.</summary>
    public async Task<SweepRound> RunRoundAsync(CancellationToken cancellationToken)
    {
        if (!IsOn) return default;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            if (!await IngestLeases.TryHoldAsync(db, Name, Holder, time.GetUtcNow(), Settings.LeaseDuration, cancellationToken))
                return new SweepRound(false, 0, 0, null, null);
        }

        // Resolved only when on: the Stripe client needs the key.
        var reader = services.GetRequiredService<StripeEventReader>();
        var checkpoint = await ReadCheckpointAsync(cancellationToken);
        var missed = new Dictionary<string, StripeListedObject>(StringComparer.Ordinal);
        var listed = 0;
        var through = checkpoint;
        // Only the types some flow maps: the endpoint subscribes to those (payments stripe webhook setup), so no other event is
        // missed; an unmapped one fed here would be recorded as ignored and raise a false alarm. Stripe takes 20 types[] a call.
        foreach (var types in mappers.EventTypes.Chunk(20))
        {
            // What Stripe still owes an endpoint first: it may be older than the checkpoint (a round that ran while Stripe still retried).
            await foreach (var page in reader.EventPagesAsync(false, null, Settings.PageSize, types, cancellationToken: cancellationToken))
            {
                listed += page.Count;
                await AddUnrecordedAsync(page, missed, cancellationToken);
            }
            await foreach (var page in reader.EventPagesAsync(null, checkpoint - Settings.Overlap, Settings.PageSize, types, cancellationToken: cancellationToken))
            {
                listed += page.Count;
                through = page.Select(e => e.CreatedAt).Append(through).Max();
                await AddUnrecordedAsync(page, missed, cancellationToken);
            }
        }

        var fed = new List<StripeListedObject>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var evt in missed.Values.OrderBy(e => e.Created).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            if (fed.Count % Settings.PageSize == 0 && !await RenewAsync(cancellationToken))
                throw new InvalidOperationException($"The sweep lease passed to another replica while {Holder} fed missed events; it stops here.");
            await using var scope = scopes.CreateAsyncScope();
            var ingest = scope.ServiceProvider.GetRequiredService<StripeEventIngest>();
            var result = await ingest.IngestAsync(evt.Json, IngestVia.Sweep, gateway.CurrentValue.ApiVersionMismatch, CancellationToken.None);
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            if (result.IsNew) fed.Add(evt);
        }

        var found = fed.Count == 0 ? null : new MissedEventsFound
        {
            CorrelationId = NewId.NextGuid(),
            Source = IngestVia.Sweep,
            Count = fed.Count,
            EventIds = [.. fed.Take(20).Select(e => e.Id)],
            OldestCreatedAt = fed[0].CreatedAt,
            FoundAt = time.GetUtcNow(),
        };
        await SaveCheckpointAsync(through, fed.Count, found, cancellationToken);
        if (found is not null)
        {
            // One line per round, not per event: a day-long outage is one warning (and one MissedEventsFound for the alert).
            logger.LogWarning("Missed-event sweep fed {Count} Stripe events the gateway had not received (oldest created {Oldest:O}; {Outcomes}): {EventIds}",
                found.Count, found.OldestCreatedAt, string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}")), string.Join(", ", found.EventIds));
        }
        else
        {
            logger.LogDebug("Missed-event sweep listed {Listed} Stripe events; none missed", listed);
        }
        return new SweepRound(true, listed, fed.Count, through, found);
    }

    /// <summary>Adds the events of a page that are in neither WebhookEvents nor RejectedWebhooks (a refused body waits there for a fix, not for the sweep).</summary>
    async Task AddUnrecordedAsync(IReadOnlyList<StripeListedObject> page, Dictionary<string, StripeListedObject> missed, CancellationToken cancellationToken)
    {
        var ids = page.Select(e => e.Id).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var known = await db.WebhookEvents.AsNoTracking().Where(w => w.Source == WebhookSources.Stripe && ids.Contains(w.EventId)).Select(w => w.EventId)
            .Concat(db.RejectedWebhooks.AsNoTracking().Where(r => r.Source == WebhookSources.Stripe && r.EventId != null && ids.Contains(r.EventId)).Select(r => r.EventId!))
            .ToListAsync(cancellationToken);
        foreach (var evt in page)
            if (!known.Contains(evt.Id)) missed.TryAdd(evt.Id, evt);
    }

    async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await IngestLeases.RenewAsync(scope.ServiceProvider.GetRequiredService<GatewayDbContext>(), Name, Holder, time.GetUtcNow(), Settings.LeaseDuration,
            takeExpired: false, cancellationToken);
    }

    /// <summary>The checkpoint; on the very first round it is made: now less <c>Gateway:Sweep:InitialLookback</c>.</summary>
    async Task<DateTimeOffset> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        if (await db.IngestCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == Name, cancellationToken) is { } existing)
            return existing.Through;
        var start = time.GetUtcNow() - Settings.InitialLookback;
        db.IngestCheckpoints.Add(new IngestCheckpoint { Name = Name, Through = start, UpdatedAt = time.GetUtcNow() });
        try
        {
            using (ExpectedDatabaseErrors.UniqueViolations())
                await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Missed-event sweep starts reading Stripe's events created since {Start:O} (Gateway:Sweep:InitialLookback {Lookback})", start, Settings.InitialLookback);
            return start;
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (await db.IngestCheckpoints.AsNoTracking().FirstAsync(c => c.Name == Name, cancellationToken)).Through;
        }
    }

    /// <summary>Moves the checkpoint and publishes <see cref="MissedEventsFound"/> (through the bus outbox) in one commit, if this replica still holds the lease.</summary>
    async Task SaveCheckpointAsync(DateTimeOffset through, int fed, MissedEventsFound? found, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (!await IngestLeases.RenewAsync(db, Name, Holder, time.GetUtcNow(), Settings.LeaseDuration, takeExpired: false, CancellationToken.None))
        {
            // What was fed is recorded either way; the replica that took over moves the checkpoint itself.
            logger.LogInformation("Missed-event sweep {Holder} lost its lease before moving the checkpoint; left to the replica that holds it", Holder);
            return;
        }
        var checkpoint = await db.IngestCheckpoints.FirstAsync(c => c.Name == Name, CancellationToken.None);
        if (through > checkpoint.Through) checkpoint.Through = through;
        checkpoint.Fed += fed;
        checkpoint.UpdatedAt = time.GetUtcNow();
        checkpoint.Version++;
        if (found is not null)
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(found, CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    async Task ReleaseAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await IngestLeases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<GatewayDbContext>(), Name, Holder, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogDebug(e, "The sweep lease was not released; it expires by itself");
        }
    }
}
