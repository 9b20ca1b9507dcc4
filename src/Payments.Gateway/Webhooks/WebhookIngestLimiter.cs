using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Payments.Gateway.Webhooks;

/// <summary>
/// How many webhooks one gateway process ingests at once (<see cref="GatewayOptions.MaxConcurrentIngests"/>), the rest waiting in
/// arrival order (<see cref="GatewayOptions.IngestQueueLimit"/>). Each ingest holds a database connection for its commit; without a
/// bound, a burst from Stripe opens one per request, up to the driver's pool (100 per process on PostgreSQL), and two replicas
/// with the other services then outgrew the server's connection limit in the end-to-end benchmark ("too many clients", answered
/// with 500). Past the queue the answer is 503 with Retry-After, which Stripe retries like any failed delivery.
/// </summary>
public sealed class WebhookIngestLimiter(IOptions<GatewayOptions> options) : IDisposable
{
    readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentIngests,
        QueueLimit = options.Value.IngestQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A lease to dispose when the ingest is done; not acquired when the queue is full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    /// <summary>Turns free now (of <see cref="GatewayOptions.MaxConcurrentIngests"/>) and webhooks waiting for one.</summary>
    public (long Free, long Waiting) Now => _limiter.GetStatistics() is { } s ? (s.CurrentAvailablePermits, s.CurrentQueuedCount) : (0, 0);

    public void Dispose() => _limiter.Dispose();
}
