using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Payments.Gateway.Data;
using Payments.Gateway.Ingest;
using Payments.Gateway.Mappers;
using Payments.Gateway.Routing;
using Payments.Gateway.Sweep;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Backfill;

/// <summary>What to replay: Stripe history created since <see cref="Since"/> of the <see cref="Kinds"/> (all the flows take when empty).</summary>
public sealed record BackfillRequest(DateTimeOffset Since, IReadOnlyList<string> Kinds, bool DryRun, ApiVersionMismatchPolicy VersionPolicy = ApiVersionMismatchPolicy.Reject);

/// <summary>One event of a backfill: fed (its ingest outcome) or, in a dry run, what it would do.</summary>
public sealed record BackfillItem(string EventId, string Type, string ObjectId, DateTimeOffset Created, string From, string Outcome);

/// <summary>Where a backfill is: window <see cref="Window"/> of <see cref="Windows"/>, and the item just handled (null when a window starts).</summary>
public sealed record BackfillProgress(int Window, int Windows, DateTimeOffset WindowStart, BackfillItem? Item);

/// <summary>What a backfill did, by outcome; <see cref="ResumedFrom"/> when it went on after an earlier run's checkpoint.</summary>
public sealed record BackfillSummary(string Checkpoint, IReadOnlyDictionary<string, int> Outcomes, DateTimeOffset? ResumedFrom, bool AlreadyCompleted, IReadOnlyList<string> Notes)
{
    public int Total => Outcomes.Values.Sum();
}

/// <summary>
/// Replays Stripe's history into the flows through the gateway's own ingest (<see cref="StripeEventIngest"/>, via <c>backfill</c>), so
/// it is recorded in WebhookEvents and published through the gateway's outbox, whose relay (the gateway's) delivers it. History is read
/// a day at a time, oldest first: the events API for the days it keeps (30), the object lists (charges, refunds, disputes, payouts)
/// before that, each object turned into the event its flow reads (<see cref="BackfillKinds.EventTypeOf"/>) with the id
/// <c>evt_backfill_{object}_{type}</c>, stable so that a second backfill finds it recorded. Idempotent beyond the gateway too: an event
/// Stripe sent before under its own id reaches the flows' own keys (a charge's saga, P21's order reference) and changes nothing.
/// After each day the checkpoint row (<c>IngestCheckpoints</c>, named by the range and kinds) moves on: an interrupted backfill run
/// again goes on from the day it was in. A dry run reads and maps, and writes nothing.
/// </summary>
public sealed class StripeBackfill(IServiceScopeFactory scopes, StripeEventReader reader, StripeEventMappers mappers, PaymentRouter router, TimeProvider time)
{
    /// <summary>What Stripe's events API keeps (docs.stripe.com/api/events); a margin keeps a day at the edge on the object lists.</summary>
    public static readonly TimeSpan EventsKept = TimeSpan.FromDays(30);
    static readonly TimeSpan EdgeMargin = TimeSpan.FromHours(1);
    static readonly TimeSpan Day = TimeSpan.FromDays(1);
    const int PageSize = 100;

    /// <summary>The kinds the flows take (those of every mapped event type).</summary>
    public IReadOnlyList<string> KnownKinds => [.. mappers.EventTypes.Select(BackfillKinds.Of).Distinct().OrderBy(BackfillKinds.Rank)];

    public async Task<BackfillSummary> RunAsync(BackfillRequest request, IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        var kinds = request.Kinds.Count == 0 ? KnownKinds : request.Kinds;
        if (kinds.FirstOrDefault(k => !KnownKinds.Contains(k)) is { } unknown)
            throw new ArgumentException($"No flow takes Stripe '{unknown}' events; --types takes {string.Join(", ", KnownKinds)}.");
        var now = time.GetUtcNow();
        if (request.Since >= now) throw new ArgumentException($"--since {request.Since:O} is not in the past.");

        var name = $"backfill:{request.Since.ToUnixTimeSeconds()}:{string.Join(",", kinds.Order(StringComparer.Ordinal))}";
        var notes = new List<string>();
        var eventsFrom = now - EventsKept + EdgeMargin;
        var withoutLists = kinds.Where(k => !BackfillKinds.ObjectLists.ContainsKey(k)).ToList();
        if (request.Since < eventsFrom && withoutLists.Count > 0)
            notes.Add($"Before {eventsFrom:yyyy-MM-dd HH:mm} (older than Stripe's events API keeps) only charges, refunds, disputes and payouts are read, from their lists; not {string.Join(", ", withoutLists)}.");

        var start = request.Since;
        DateTimeOffset? resumed = null;
        if (!request.DryRun && await CheckpointAsync(name, cancellationToken) is { } checkpoint)
        {
            if (checkpoint.Completed)
                return new BackfillSummary(name, new Dictionary<string, int>(), null, true, notes);
            resumed = start = checkpoint.Through;
        }

        var windows = new List<(DateTimeOffset From, DateTimeOffset To)>();
        for (var from = start; from < now;)
        {
            // Windows end at the events API's edge too, so a day is read from one source only.
            var to = from < eventsFrom && from + Day > eventsFrom ? eventsFrom : from + Day;
            if (to > now) to = now;
            windows.Add((from, to));
            from = to;
        }

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < windows.Count; i++)
        {
            var (from, to) = windows[i];
            progress?.Report(new BackfillProgress(i + 1, windows.Count, from, null));
            // The last window is open-ended: what was created in the second the backfill started is in it too.
            DateTimeOffset? until = i == windows.Count - 1 ? null : to;
            var events = from >= eventsFrom
                ? await ReadEventsAsync(kinds, from, until, cancellationToken)
                : await ReadObjectsAsync(kinds, from, until, cancellationToken);
            foreach (var evt in events.OrderBy(e => e.Created).ThenBy(e => BackfillKinds.Rank(BackfillKinds.Of(e.Type))).ThenBy(e => e.EventId, StringComparer.Ordinal))
            {
                var outcome = request.DryRun ? await WouldAsync(evt, request.VersionPolicy, cancellationToken) : await FeedAsync(evt, request.VersionPolicy);
                outcomes[outcome.Key] = outcomes.GetValueOrDefault(outcome.Key) + 1;
                progress?.Report(new BackfillProgress(i + 1, windows.Count, from, evt.Item with { Outcome = outcome.Text }));
            }
            if (!request.DryRun)
                await SaveCheckpointAsync(name, to, events.Count, completed: i == windows.Count - 1, cancellationToken);
        }
        if (windows.Count == 0 && !request.DryRun) await SaveCheckpointAsync(name, now, 0, completed: true, cancellationToken);
        return new BackfillSummary(name, outcomes, resumed, false, notes);
    }

    /// <summary>An event to feed: its raw JSON and what the progress shows of it.</summary>
    sealed record Candidate(string EventId, string Type, long Created, string Json, BackfillItem Item);

    static Dictionary<string, string> Created(DateTimeOffset from, DateTimeOffset? until)
    {
        var filters = new Dictionary<string, string> { ["created[gte]"] = from.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        if (until is { } to) filters["created[lt]"] = to.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return filters;
    }

    async Task<List<Candidate>> ReadEventsAsync(IReadOnlyList<string> kinds, DateTimeOffset from, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var types = mappers.EventTypes.Where(t => kinds.Contains(BackfillKinds.Of(t))).ToList();
        var found = new List<Candidate>();
        // Stripe takes at most 20 types[] per list call.
        foreach (var chunk in types.Chunk(20))
        {
            var filters = Created(from, until);
            for (var i = 0; i < chunk.Length; i++) filters[$"types[{i}]"] = chunk[i];
            await foreach (var page in reader.PagesAsync("/v1/events", filters, PageSize, cancellationToken: cancellationToken))
            {
                foreach (var evt in page)
                {
                    var (type, objectId) = TypeAndObject(evt.Json);
                    found.Add(new Candidate(evt.Id, type, evt.Created, evt.Json, new BackfillItem(evt.Id, type, objectId, evt.CreatedAt, "events", "")));
                }
            }
        }
        return found;
    }

    async Task<List<Candidate>> ReadObjectsAsync(IReadOnlyList<string> kinds, DateTimeOffset from, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var found = new List<Candidate>();
        foreach (var kind in kinds.Where(BackfillKinds.ObjectLists.ContainsKey))
        {
            var filters = Created(from, until);
            await foreach (var page in reader.PagesAsync(BackfillKinds.ObjectLists[kind], filters, PageSize, cancellationToken: cancellationToken))
            {
                foreach (var obj in page)
                {
                    var data = JsonNode.Parse(obj.Json)!.AsObject();
                    if (BackfillKinds.EventTypeOf(kind, (string?)data["status"]) is not { } type) continue;
                    var id = $"evt_backfill_{obj.Id}_{type}";
                    var evt = new JsonObject
                    {
                        ["id"] = id,
                        ["object"] = "event",
                        // Read with Stripe.net's client, the object is rendered in its API version.
                        ["api_version"] = ApiVersions.Sdk,
                        ["created"] = obj.Created,
                        ["livemode"] = data["livemode"]?.DeepClone() ?? false,
                        ["pending_webhooks"] = 0,
                        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
                        ["type"] = type,
                        ["data"] = new JsonObject { ["object"] = data },
                    };
                    found.Add(new Candidate(id, type, obj.Created, evt.ToJsonString(), new BackfillItem(id, type, obj.Id, obj.CreatedAt, kind + "s", "")));
                }
            }
        }
        return found;
    }

    static (string Type, string ObjectId) TypeAndObject(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        var objectId = root.TryGetProperty("data", out var d) && d.TryGetProperty("object", out var o) && o.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
        return (type, objectId);
    }

    async Task<(string Key, string Text)> FeedAsync(Candidate evt, ApiVersionMismatchPolicy policy)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StripeEventIngest>().IngestAsync(evt.Json, IngestVia.Backfill, policy, CancellationToken.None);
        return (result.Outcome, result.IsRejected ? $"{result.Outcome}: {result.Detail}" : result.Outcome);
    }

    /// <summary>A dry run: recorded already, or what the mapper would publish (nothing is written).</summary>
    async Task<(string Key, string Text)> WouldAsync(Candidate evt, ApiVersionMismatchPolicy policy, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            if (await db.WebhookEvents.AsNoTracking().AnyAsync(w => w.Source == WebhookSources.Stripe && w.EventId == evt.EventId, cancellationToken))
                return ("recorded", "recorded already (nothing to post)");
        }
        var read = StripeEventEnvelope.Read(evt.Json);
        if (read.Envelope is not { } envelope) return ("invalid_event", $"would be refused: {read.Failure}");
        if (policy == ApiVersionMismatchPolicy.Reject && !ApiVersions.IsOnSdkTrain(envelope.ApiVersion))
            return ("api_version_mismatch", $"would be refused: API version {envelope.ApiVersion}");
        var mapping = mappers.Map(envelope, router);
        return mapping.Kind switch
        {
            MappingKind.Publish => ("would_publish", $"would publish {string.Join(" + ", new[] { mapping.Message! }.Concat(mapping.AlsoPublish).Select(m => m.GetType().Name))} ({mapping.Route?.Flow})"),
            MappingKind.Unrouted => ("would_hold", $"would be held (flow {mapping.Route?.Flow}): {mapping.Reason}"),
            MappingKind.Reject => ("invalid_event", $"would be refused: {mapping.Reason}"),
            _ => ("would_ignore", $"would be recorded and ignored: {mapping.Reason}"),
        };
    }

    async Task<IngestCheckpoint?> CheckpointAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().IngestCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
    }

    async Task SaveCheckpointAsync(string name, DateTimeOffset through, int fed, bool completed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var checkpoint = await db.IngestCheckpoints.FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (checkpoint is null)
            db.IngestCheckpoints.Add(checkpoint = new IngestCheckpoint { Name = name });
        checkpoint.Through = through;
        checkpoint.Fed += fed;
        checkpoint.Completed = completed;
        checkpoint.UpdatedAt = time.GetUtcNow();
        checkpoint.Version++;
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
