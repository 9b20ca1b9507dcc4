using System.Diagnostics.Metrics;

namespace Payments.Gateway.Webhooks;

/// <summary>One counter of webhook deliveries by outcome (published, duplicate, ignored, and each rejection reason).</summary>
public sealed class GatewayMetrics
{
    readonly Counter<long> _webhooks;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Payments.ServiceDefaults.HostDefaults.TelemetryName);
        _webhooks = meter.CreateCounter<long>("payments.gateway.stripe_webhooks", "{request}", "Stripe webhook deliveries by outcome.");
    }

    public void Received(string outcome) => _webhooks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
