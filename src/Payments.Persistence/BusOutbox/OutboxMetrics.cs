using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Gauges under the <c>Payments</c> meter (the services' own, which their OpenTelemetry exports), one measurement per
/// DbContext, as the stuck-outbox monitor last counted: <c>payments.outbox.stuck</c> (undelivered longer than
/// <c>Database:Outbox:StuckAfter</c>, not parked) and <c>payments.outbox.parked</c>.
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "Payments";
    public const string StuckGauge = "payments.outbox.stuck";
    public const string ParkedGauge = "payments.outbox.parked";

    readonly ConcurrentDictionary<string, OutboxCounts> _counts = new();

    public OutboxMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(StuckGauge, () => Measure(c => c.Stuck), "{outbox}",
            "Bus outboxes undelivered for longer than Database:Outbox:StuckAfter and not parked, by DbContext.");
        meter.CreateObservableGauge(ParkedGauge, () => Measure(c => c.Parked), "{outbox}",
            "Bus outboxes an operator parked (kept, not sent), by DbContext.");
    }

    /// <summary>The last counts of <paramref name="context"/>, or null before its first check.</summary>
    public OutboxCounts? For(string context) => _counts.TryGetValue(context, out var counts) ? counts : null;

    internal void Record(string context, OutboxCounts counts) => _counts[context] = counts;

    IEnumerable<Measurement<int>> Measure(Func<OutboxCounts, int> value) =>
        _counts.Select(pair => new Measurement<int>(value(pair.Value), new KeyValuePair<string, object?>("context", pair.Key)));
}

/// <summary>Stuck and parked outboxes of one DbContext at <paramref name="CheckedAt"/>.</summary>
public sealed record OutboxCounts(int Stuck, int Parked, DateTime CheckedAt);
