using System.Threading.RateLimiting;
using MassTransit;
using Microsoft.Extensions.Options;
using Payments.P21Service.Client;
using Payments.ServiceDefaults.Http;

namespace Payments.P21Service.Admission;

/// <summary>
/// How many messages that call P21 this process works on at once, across every endpoint that calls P21 (<c>P21:MaxConcurrentMessages</c>,
/// by default twice <c>P21:Http:MaxConcurrentRequests</c>). Each such endpoint also takes no more than this from the broker, so a burst of
/// thousands of commands stays on the broker instead of waiting in memory for a slot until it times out. Calls still go one at a time through
/// the HTTP limit (<c>P21:Http:MaxConcurrentRequests</c>, at most P21's pool); the few messages above it do their look-ups while others hold
/// P21's sessions, and a message that waits for a call slot waits outside the attempt time-out (src/Payments.P21Service/README.md, "Backpressure").
/// </summary>
public sealed class P21Admission : IDisposable
{
    readonly ConcurrencyLimiter _limiter;

    public P21Admission(IOptions<P21Options> options, IOptionsMonitor<OutboundHttpOptions> http)
    {
        Limit = options.Value.MaxConcurrentMessages ?? 2 * http.Get(P21Options.Section).MaxConcurrentRequests;
        // No queue bound of its own: what can wait here is bounded by the endpoints' prefetch (Limit each).
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Limit,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Messages worked on at once; also each P21 endpoint's prefetch and concurrent message limit.</summary>
    public int Limit { get; }

    /// <summary>Messages being worked on now.</summary>
    public int InUse => Limit - (int)(_limiter.GetStatistics()?.CurrentAvailablePermits ?? Limit);

    /// <summary>A place for one message, waited for in arrival order; dispose it when the message is done (retries included).</summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw new InvalidOperationException("The P21 admission limit refused a message although its queue is unbounded.");
    }

    public void Dispose() => _limiter.Dispose();
}

public static class P21AdmissionExtensions
{
    /// <summary>
    /// Puts an endpoint whose consumer calls P21 behind the process's <see cref="P21Admission"/>: it prefetches and runs at most
    /// <see cref="P21Admission.Limit"/> messages, and each message takes a place in the shared limit before anything else runs (the inbox
    /// check and the in-memory retries included: a message that backs off keeps its place, so retries never add calls to P21).
    /// </summary>
    public static void UseP21Admission(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        var admission = context.GetRequiredService<P21Admission>();
        endpoint.PrefetchCount = admission.Limit;
        endpoint.ConcurrentMessageLimit = admission.Limit;
        endpoint.UseFilter(new P21AdmissionFilter(admission));
    }
}
