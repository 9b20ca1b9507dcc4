using System.Diagnostics.Metrics;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>Counters under the "Payments" meter for what the retry policy decides.</summary>
public sealed class MessagingMetrics
{
    public const string FaultedCounter = "payments.messages.faulted";

    readonly Counter<long> _faulted;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(HostDefaults.TelemetryName);
        _faulted = meter.CreateCounter<long>(FaultedCounter, "{message}",
            "Messages moved to an _error queue, by queue, failure kind, exception type and refusing system.");
    }

    public void Faulted(string queue, FailureKind kind, string exceptionType, string? system) =>
        _faulted.Add(1,
            new KeyValuePair<string, object?>("queue", queue),
            new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("exception.type", exceptionType),
            new KeyValuePair<string, object?>("system", system ?? "none"));
}
