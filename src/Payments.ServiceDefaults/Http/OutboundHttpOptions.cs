using System.ComponentModel.DataAnnotations;

namespace Payments.ServiceDefaults.Http;

/// <summary>
/// How a service protects one outside system (a P21 installation, a Stripe account) and itself from each other, in the
/// system's <c>Http</c> section (<c>P21:Http</c>, <c>Stripe:Http</c>). No retries here: a failed call fails the message,
/// and the message pipeline retries it (docs/messaging.md), so retries never multiply.
/// </summary>
public sealed class OutboundHttpOptions
{
    /// <summary>Calls in flight at once from this process to the system; more wait in the queue.</summary>
    [Range(1, 1000, ErrorMessage = "{0} must be between 1 and 1000.")]
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Calls that may wait for a free slot; a call beyond that is refused at once (a transient failure).</summary>
    [Range(0, 100_000, ErrorMessage = "{0} must be between 0 and 100000.")]
    public int MaxQueuedRequests { get; set; } = 100;

    /// <summary>The circuit opens when at least this share of the calls sampled failed (5xx, 408, 429, time-out, no answer)…</summary>
    [Range(0.01, 1.0, ErrorMessage = "{0} must be between 0.01 and 1.")]
    public double BreakFailureRatio { get; set; } = 0.5;

    /// <summary>…among at least this many calls…</summary>
    [Range(2, int.MaxValue, ErrorMessage = "{0} must be at least 2.")]
    public int BreakMinimumThroughput { get; set; } = 10;

    /// <summary>…within this window.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00.5 and 1.00:00:00.")]
    public TimeSpan BreakSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While open, calls fail at once without reaching the system; then one trial call decides.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00.5 and 1.00:00:00.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
