using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Shared;
using Payments.Sagas.Flows;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Http;

namespace Payments.Operations.Tests.Metrics;

/// <summary>
/// A service with <c>Telemetry:Prometheus:Enabled</c> serves <c>/metrics</c>: the flows the bus published, counted per flow, and its
/// calls to an outside system timed by system, operation (ids folded) and outcome.
/// </summary>
public class When_prometheus_scrapes_a_service
{
    WebApplication _app = null!;
    HttpClient _http = null!;
    string _scrape = "";

    [OneTimeSetUp]
    public async Task Publish_flows_and_call_p21()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration[HostDefaults.PrometheusEnabledKey] = "true";
        builder.AddServiceDefaults();
        builder.Services.AddFlowMetrics();
        builder.Services.AddMassTransit(bus => bus.UsingInMemory());
        builder.Services.AddHttpClient("p21").AddOutboundCallMetrics("P21");
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        // Stands in for P21: an order that exists and one that does not.
        _app.MapGet("/api/sales/orders/{id}", (string id) => id == "1043" ? Results.Ok(new { order_no = id }) : Results.NotFound());
        await _app.StartAsync();
        var address = new Uri(_app.Urls.First());
        _http = new HttpClient { BaseAddress = address };

        var bus = _app.Services.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;
        await bus.Publish(new FlowStarted { CorrelationId = Guid.NewGuid(), Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_1", StartedAt = now });
        await bus.Publish(new FlowStarted { CorrelationId = Guid.NewGuid(), Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_2", StartedAt = now });
        await bus.Publish(new FlowStarted { CorrelationId = Guid.NewGuid(), Flow = FlowNames.StripeRefund, Subject = "stripe-refund:re_1", StartedAt = now });
        await bus.Publish(new FlowCompleted { CorrelationId = Guid.NewGuid(), Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_1", CompletedAt = now });
        await bus.Publish(new FlowFailed
        {
            CorrelationId = Guid.NewGuid(), Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_2", Step = "PostP21Order", Reason = "unknown item", FailedAt = now,
        });

        var p21 = _app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("p21");
        p21.BaseAddress = address;
        (await p21.GetAsync("/api/sales/orders/1043")).Dispose();
        (await p21.GetAsync("/api/sales/orders/1044")).Dispose();
        (await p21.GetAsync("/api/sales/orders/1045")).Dispose();

        // The exporter caches a scrape briefly: ask until the counters are in.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            _scrape = await _http.GetStringAsync("/metrics");
            if (_scrape.Contains("payments_flows_failed") && _scrape.Contains("payments_outbound_duration")) break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public void Should_count_the_flows_started_per_flow()
    {
        Assert.That(Sample("payments_flows_started_total", "flow=\"charge-to-order\""), Is.EqualTo(2));
        Assert.That(Sample("payments_flows_started_total", "flow=\"stripe-refund\""), Is.EqualTo(1));
    }

    [Test]
    public void Should_count_the_flows_completed_and_failed()
    {
        Assert.That(Sample("payments_flows_completed_total", "flow=\"charge-to-order\""), Is.EqualTo(1));
        Assert.That(Sample("payments_flows_failed_total", "flow=\"charge-to-order\"", "step=\"PostP21Order\""), Is.EqualTo(1));
    }

    [Test]
    public void Should_time_the_outside_calls_by_system_operation_and_outcome()
    {
        Assert.That(Sample("payments_outbound_duration_seconds_count", "system=\"p21\"", "operation=\"GET /api/sales/orders/{id}\"", "outcome=\"success\""),
            Is.EqualTo(1));
        Assert.That(Sample("payments_outbound_duration_seconds_count", "system=\"p21\"", "operation=\"GET /api/sales/orders/{id}\"", "outcome=\"client_error\""),
            Is.EqualTo(2));
    }

    [Test]
    public void Should_fold_ids_but_keep_versions_in_the_operation()
    {
        Assert.That(OutboundCallMetrics.Operation(HttpMethod.Post, new Uri("https://api.stripe.com/v1/charges/ch_3Nx9/refunds?expand[]=x")),
            Is.EqualTo("POST /v1/charges/{id}/refunds"));
        Assert.That(OutboundCallMetrics.Operation(HttpMethod.Get, new Uri("/api/v2/users/jane%40example.com", UriKind.Relative)),
            Is.EqualTo("GET /api/v2/users/{id}"));
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    double Sample(string metric, params string[] labels)
    {
        var lines = _scrape.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l.Contains))
            .ToList();
        Assert.That(lines, Has.Count.EqualTo(1), $"{metric} {string.Join(",", labels)} in:\n{_scrape}");
        // name{labels} value [timestamp]; a label value may hold spaces, so read after the labels.
        var value = lines[0][(lines[0].LastIndexOf('}') + 2)..].Split(' ')[0];
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
