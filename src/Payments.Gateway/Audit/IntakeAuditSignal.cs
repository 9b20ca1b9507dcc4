using Payments.Persistence.Concurrency;

namespace Payments.Gateway.Audit;

/// <summary>Wakes <see cref="IntakeAuditPass"/> when the ingest committed a new webhook record (in this process).</summary>
public sealed class IntakeAuditSignal
{
    readonly WakeSignal _signal = new();

    public void Recorded() => _signal.Set();

    public Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, time, cancellationToken);
}
