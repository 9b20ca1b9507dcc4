using System.Diagnostics.Metrics;

namespace Payments.Operations.Health;

/// <summary><c>payments.queue.depth</c>: messages in each RabbitMQ queue (by queue), as of the dependency monitor's last probe.</summary>
public sealed class QueueDepthMetrics
{
    public const string Gauge = "payments.queue.depth";

    public QueueDepthMetrics(IMeterFactory meterFactory, RabbitMqManagement rabbit)
    {
        var meter = meterFactory.Create(Payments.ServiceDefaults.HostDefaults.TelemetryName);
        meter.CreateObservableGauge(Gauge,
            () => rabbit.Depths.Select(d => new Measurement<long>(d.Messages, new KeyValuePair<string, object?>("queue", d.Queue))),
            "{message}", "Messages in each RabbitMQ queue at the last health probe (the _error queues hold the faults).");
    }
}
