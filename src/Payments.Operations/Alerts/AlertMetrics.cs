using System.Diagnostics.Metrics;

namespace Payments.Operations.Alerts;

/// <summary>Counters under the "Payments" meter for what became of alerts.</summary>
public sealed class AlertMetrics
{
    readonly Counter<long> _sent;
    readonly Counter<long> _deduplicated;
    readonly Counter<long> _rateLimited;
    readonly Counter<long> _failed;

    public AlertMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Payments.ServiceDefaults.HostDefaults.TelemetryName);
        _sent = meter.CreateCounter<long>("payments.alerts.sent", "{alert}", "Alerts (and summaries) a channel delivered, by kind and channel.");
        _deduplicated = meter.CreateCounter<long>("payments.alerts.deduplicated", "{alert}", "Occurrences counted into an alert already sent, by kind.");
        _rateLimited = meter.CreateCounter<long>("payments.alerts.rate_limited", "{alert}", "Alerts a channel's rate limit held back, by kind and channel.");
        _failed = meter.CreateCounter<long>("payments.alerts.failed", "{alert}", "Alerts a channel failed to deliver, by kind and channel.");
    }

    public void Sent(string kind, string channel) => _sent.Add(1, Tags(kind, channel));
    public void Deduplicated(string kind) => _deduplicated.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void RateLimited(string kind, string channel) => _rateLimited.Add(1, Tags(kind, channel));
    public void Failed(string kind, string channel) => _failed.Add(1, Tags(kind, channel));

    static ReadOnlySpan<KeyValuePair<string, object?>> Tags(string kind, string channel) =>
        new([new("kind", kind), new("channel", channel)]);
}
