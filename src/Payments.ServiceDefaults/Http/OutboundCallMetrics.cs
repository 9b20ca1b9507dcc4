using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace Payments.ServiceDefaults.Http;

/// <summary>
/// <c>payments.outbound.duration</c> (seconds) under the "Payments" meter: every call to P21, Znode and Stripe by system, operation
/// (method and path with its ids folded to <c>{id}</c>, so the series stay few) and outcome (<c>success</c>, <c>client_error</c>,
/// <c>rate_limited</c>, <c>server_error</c>, <c>timeout</c>, <c>rejected</c> by the resilience pipeline, <c>error</c>: no answer).
/// </summary>
public sealed class OutboundCallMetrics
{
    public const string Histogram = "payments.outbound.duration";

    readonly Histogram<double> _duration;

    public OutboundCallMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(HostDefaults.TelemetryName);
        _duration = meter.CreateHistogram<double>(Histogram, "s", "Calls to P21, Znode and Stripe, by system, operation and outcome.");
    }

    public void Record(string system, string operation, string outcome, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("system", system),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary><c>POST /api/sales/orders/1043/lines</c> → <c>POST /api/sales/orders/{id}/lines</c>: a segment with a digit, an underscore or a <c>@</c> is an id (but <c>v1</c>, <c>v2</c> are versions).</summary>
    public static string Operation(HttpMethod method, Uri? uri)
    {
        var path = uri is null ? "" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s =>
            IsVersion(s) || !s.Any(c => char.IsDigit(c) || c is '_' or '@' or '%') ? s : "{id}");
        return $"{method.Method} /{string.Join('/', segments)}";
    }

    static bool IsVersion(string segment) => segment.Length is >= 2 and <= 4 && segment[0] is 'v' or 'V' && segment[1..].All(char.IsDigit);

    public static string Outcome(HttpStatusCode status) => (int)status switch
    {
        429 => "rate_limited",
        >= 500 => "server_error",
        >= 400 => "client_error",
        _ => "success",
    };
}

/// <summary>Times each call of one system's clients into <see cref="OutboundCallMetrics"/>; the outermost handler, so the time includes the resilience pipeline's waits.</summary>
public sealed class OutboundCallMetricsHandler(string system, OutboundCallMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var operation = OutboundCallMetrics.Operation(request.Method, request.RequestUri);
        var outcome = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outcome = OutboundCallMetrics.Outcome(response.StatusCode);
            return response;
        }
        catch (Exception e)
        {
            outcome = e switch
            {
                Polly.Timeout.TimeoutRejectedException => "timeout",
                ExecutionRejectedException => "rejected",
                OperationCanceledException when !cancellationToken.IsCancellationRequested => "timeout",
                _ => "error",
            };
            throw;
        }
        finally
        {
            metrics.Record(system, operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}

public static class OutboundCallMetricsExtensions
{
    /// <summary>Times this client's calls as <paramref name="system"/>'s (lower-cased in the metric). Add it before the resilience handler, so it is outermost.</summary>
    public static IHttpClientBuilder AddOutboundCallMetrics(this IHttpClientBuilder http, string system)
    {
        http.Services.AddMetrics();
        http.Services.TryAddSingleton<OutboundCallMetrics>();
        var name = system.ToLowerInvariant();
        return http.AddHttpMessageHandler(services => new OutboundCallMetricsHandler(name, services.GetRequiredService<OutboundCallMetrics>()));
    }
}
