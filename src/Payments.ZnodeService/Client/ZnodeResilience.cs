using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payments.ZnodeService.Client;

/// <summary>
/// The resilience pipeline of every Znode call (Microsoft.Extensions.Http.Resilience), outermost first:
/// <list type="number">
/// <item>a total time-out (<c>Znode:RateLimit:MaxWait</c>): the most one call may wait in all before it fails as transient;</item>
/// <item>retry: a <c>429</c> is retried after its <c>Retry-After</c> (for writes too: 429 means Znode did nothing), with every other
/// call paused as long (<see cref="ZnodeThrottle"/>); transient failures (5xx, 408, time-out, no answer) are retried for reads only
/// (<c>Znode:ReadRetry</c>), never for writes, whose messages the pipeline retries instead (docs/messaging.md);</item>
/// <item>the client-side rate limit: the 429 pause, then a permit of the installation's token bucket (queued);</item>
/// <item>the installation's concurrency limit and circuit breaker (<c>Znode:Http</c>, shared with the other services' pipelines);
/// a 429 does not count as a failure for the breaker;</item>
/// <item>the attempt time-out (<c>Znode:RequestTimeout</c>).</item>
/// </list>
/// A 429 thus queues and throttles; it faults nothing unless the total wait runs out, and then only as a transient failure.
/// </summary>
public static class ZnodeResilience
{
    const string System = ZnodeOptions.Section;

    /// <param name="retryTransientFailures">True for reads; false for writes (only 429s are retried).</param>
    public static IHttpClientBuilder AddZnodeResilience(this IHttpClientBuilder http, bool retryTransientFailures)
    {
        http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.AddOutboundCallMetrics(System); // outermost: the latency includes the retries and the rate limit's waits
        http.AddResilienceHandler(retryTransientFailures ? "Znode-reads" : "Znode-writes", (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var znode = services.GetRequiredService<IOptions<ZnodeOptions>>().Value;
            var rate = services.GetRequiredService<IOptions<ZnodeRateLimitOptions>>().Value;
            var reads = services.GetRequiredService<IOptions<ZnodeReadRetryOptions>>().Value;
            var http = services.GetRequiredService<IOptionsMonitor<OutboundHttpOptions>>().Get(System);
            var throttle = services.GetRequiredService<ZnodeThrottle>();
            var concurrency = services.GetRequiredKeyedService<System.Threading.RateLimiting.RateLimiter>(System);
            var time = services.GetRequiredService<TimeProvider>();

            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "Znode-total-wait", Timeout = rate.MaxWait });
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "Znode-retry",
                MaxRetryAttempts = int.MaxValue, // bounded by the total wait; transient read failures by ReadRetry:MaxRetries
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = reads.Delay,
                ShouldHandle = args =>
                {
                    if (IsThrottled(args.Outcome)) return ValueTask.FromResult(true);
                    return ValueTask.FromResult(retryTransientFailures && args.AttemptNumber < reads.MaxRetries && IsTransient(args.Outcome));
                },
                DelayGenerator = args => ValueTask.FromResult(IsThrottled(args.Outcome)
                    ? RetryAfter(args.Outcome.Result!, time) ?? rate.DefaultRetryAfter
                    : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (IsThrottled(args.Outcome)) throttle.Pause(args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
            pipeline.AddRateLimiter(new HttpRateLimiterStrategyOptions
            {
                Name = "Znode-rate-limit",
                RateLimiter = args => throttle.AcquireAsync(args.Context.CancellationToken),
            });
            pipeline.AddRateLimiter(new HttpRateLimiterStrategyOptions
            {
                Name = "Znode-concurrency",
                RateLimiter = args => concurrency.AcquireAsync(1, args.Context.CancellationToken),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "Znode-circuit",
                FailureRatio = http.BreakFailureRatio,
                MinimumThroughput = http.BreakMinimumThroughput,
                SamplingDuration = http.BreakSamplingDuration,
                BreakDuration = http.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(!IsThrottled(args.Outcome) && IsTransient(args.Outcome)),
            });
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "Znode-attempt-timeout", Timeout = znode.RequestTimeout });
        });
        return http;
    }

    static bool IsThrottled(Outcome<HttpResponseMessage> outcome) => outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>What may pass: 5xx, 408, time-outs and calls that got no answer. An open circuit is not retried here (it is the breaker's point).</summary>
    static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: BrokenCircuitException } => false,
        { Exception: HttpRequestException or TimeoutRejectedException or TimeoutException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
        _ => false,
    };

    static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }
}
