using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Configuration;
using Polly;

namespace Payments.ServiceDefaults.Http;

/// <summary>
/// The resilience pipeline of every outside HTTP call (Microsoft.Extensions.Http.Resilience): a concurrency limit shared by
/// all clients of one system, a circuit breaker, and the attempt time-out, in that order. Deliberately no retry strategy:
/// retries belong to the message pipeline. What the pipeline refuses surfaces as Polly's <see cref="ExecutionRejectedException"/>s
/// (<c>TimeoutRejectedException</c>, <c>BrokenCircuitException</c>, <c>RateLimiterRejectedException</c>), which
/// <see cref="Messaging.FailureClassifier"/> treats as transient.
/// </summary>
public static class OutboundHttpExtensions
{
    /// <summary>Reads <c>{system}:Http</c> (validated at start-up) and creates the system's one concurrency limiter.</summary>
    public static IHostApplicationBuilder AddOutboundHttp(this IHostApplicationBuilder builder, string system)
    {
        builder.AddValidatedOptions<OutboundHttpOptions>($"{system}:Http", system);
        builder.Services.TryAddKeyedSingleton<RateLimiter>(system, (services, _) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<OutboundHttpOptions>>().Get(system);
            return new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentRequests,
                QueueLimit = options.MaxQueuedRequests,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        });
        return builder;
    }

    /// <summary>
    /// Puts this client behind <paramref name="system"/>'s pipeline (<see cref="AddOutboundHttp"/> first). The client's own
    /// <see cref="HttpClient.Timeout"/> is lifted so that only the pipeline's <paramref name="attemptTimeout"/> applies.
    /// <paramref name="limitConcurrency"/> false leaves a client out of the shared limit (a token request made while a
    /// limited call holds its slot must not wait for a slot itself).
    /// </summary>
    public static IHttpClientBuilder AddOutboundResilience(this IHttpClientBuilder http, string system,
        Func<IServiceProvider, TimeSpan> attemptTimeout, bool limitConcurrency = true)
    {
        http.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.AddOutboundCallMetrics(system); // outermost: the latency includes the pipeline's waits and refusals
        http.AddResilienceHandler(system, (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var options = services.GetRequiredService<IOptionsMonitor<OutboundHttpOptions>>().Get(system);
            if (limitConcurrency)
            {
                var limiter = services.GetRequiredKeyedService<RateLimiter>(system);
                pipeline.AddRateLimiter(new HttpRateLimiterStrategyOptions
                {
                    Name = $"{system}-concurrency",
                    RateLimiter = arguments => limiter.AcquireAsync(1, arguments.Context.CancellationToken),
                });
            }
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = $"{system}-circuit",
                FailureRatio = options.BreakFailureRatio,
                MinimumThroughput = options.BreakMinimumThroughput,
                SamplingDuration = options.BreakSamplingDuration,
                BreakDuration = options.BreakDuration,
            });
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = $"{system}-attempt-timeout", Timeout = attemptTimeout(services) });
        });
        return http;
    }
}
