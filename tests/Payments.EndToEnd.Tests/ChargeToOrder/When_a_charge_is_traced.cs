using System.Collections.ObjectModel;
using System.Diagnostics;
using MassTransit;
using MassTransit.Logging;
using OpenTelemetry.Trace;
using Payments.Contracts.ChargeToOrder;
using Payments.P21Service.ChargeToOrder;
using Payments.Sagas.ChargeToOrder;
using Payments.Sandbox;
using Payments.Sandbox.Scenarios;
using Payments.Sandbox.Scenarios.ChargeToOrder;

namespace Payments.EndToEnd.Tests.ChargeToOrder;

/// <summary>
/// One trace from Stripe's webhook request to P21: the gateway's server span, the saga's and the P21 consumer's consume
/// spans and the consumer's HTTP call to P21's Transaction API, captured by the services' own OpenTelemetry setup.
/// </summary>
public class When_a_charge_is_traced
{
    SandboxHost _sandbox = null!;
    string _data = null!;
    readonly ExportedSpans _exported = new();

    [SetUp]
    public async Task Start()
    {
        _data = Path.Combine(Path.GetTempPath(), "payments-trace-" + Guid.NewGuid().ToString("N"));
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { DataDirectory = _data },
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported)));
    }

    [TearDown]
    public async Task Stop()
    {
        await _sandbox.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // SQLite may hold the file a moment longer
    }

    [Test]
    public async Task Should_carry_one_trace_from_the_webhook_to_the_P21_call()
    {
        var report = await new ChargeFlow(_sandbox).RunAsync(TimeSpan.FromSeconds(30));
        Assert.That(report.Succeeded, Is.True, report.Describe());
        // A span is exported when it ends; the saga's verdict can arrive before the P21 consumer's span has ended.
        var spans = await _exported.WaitForAsync(s => s.Any(a => Tag(a, DiagnosticHeaders.ConsumerType) == typeof(PostP21OrderConsumer).FullName), TimeSpan.FromSeconds(10));
        // The first webhook request is the charge.succeeded; the Stripe fake later sends the charge.updated our write-back causes.
        var webhook = spans.Where(IsWebhookRequest).OrderBy(a => a.StartTimeUtc).FirstOrDefault();
        var saga = spans.Where(a => Tag(a, DiagnosticHeaders.ConsumerType) == nameof(OrderPaymentStateMachine)
                                    && Tag(a, DiagnosticHeaders.MessageTypes) == MessageUrn.ForTypeString<StripeChargeSucceeded>()
                                    && Tag(a, DiagnosticHeaders.SagaId) == report.CorrelationId.ToString("D")).ToList();
        var consumer = spans.Where(a => Tag(a, DiagnosticHeaders.ConsumerType) == typeof(PostP21OrderConsumer).FullName).ToList();
        var p21Calls = spans.Where(a => a.Kind == ActivityKind.Client && a.Source.Name == "System.Net.Http"
                                        && Tag(a, "http.request.method") == "POST"
                                        && Tag(a, "url.full")?.EndsWith("/uiserver0/api/v2/transaction", StringComparison.Ordinal) == true).ToList();

        var listing = Describe(spans);
        Assert.That(webhook, Is.Not.Null, "server span of POST /webhooks/stripe\n" + listing);
        Assert.Multiple(() =>
        {
            Assert.That(saga, Is.Not.Empty, "saga consume span for StripeChargeSucceeded\n" + listing);
            Assert.That(consumer, Is.Not.Empty, "PostP21OrderConsumer consume span\n" + listing);
            Assert.That(p21Calls, Is.Not.Empty, "HttpClient span of the P21 Transaction API call\n" + listing);
        });

        var traceId = webhook!.TraceId;
        Assert.Multiple(() =>
        {
            Assert.That(saga.Select(a => a.TraceId), Is.All.EqualTo(traceId), "saga\n" + listing);
            Assert.That(consumer.Select(a => a.TraceId), Is.All.EqualTo(traceId), "consumer\n" + listing);
            Assert.That(p21Calls.Select(a => a.TraceId), Is.All.EqualTo(traceId), "P21 call\n" + listing);
        });

        var byId = spans.ToDictionary(a => a.SpanId);
        var consumerSpans = consumer.Select(a => a.SpanId).ToHashSet();
        foreach (var call in p21Calls)
        {
            var chain = Ancestors(call, byId).ToList();
            var path = "the P21 call's parents: " + string.Join(" ← ", chain.Select(a => a.DisplayName)) + "\n" + listing;
            Assert.That(chain.Select(a => a.SpanId), Does.Contain(webhook.SpanId), path);
            Assert.That(chain.Any(a => consumerSpans.Contains(a.SpanId)), Is.True, "the call runs inside the consumer's span; " + path);
        }
    }

    [Test]
    public async Task Should_leave_health_probes_untraced()
    {
        var baseUrl = _sandbox.App.Urls.First().TrimEnd('/');
        using var http = new HttpClient();
        foreach (var probe in new[] { "/health", "/alive" })
            using (await http.GetAsync(baseUrl + probe)) { }
        // An unsigned webhook afterwards: its server span shows that requests are traced at all.
        using (await http.PostAsync(_sandbox.WebhookUrl, new StringContent("{}"))) { }

        var spans = await _exported.WaitForAsync(s => s.Any(IsWebhookRequest), TimeSpan.FromSeconds(10));

        Assert.That(spans.Where(IsWebhookRequest), Is.Not.Empty, Describe(spans));
        Assert.That(spans.Where(a => a.Kind == ActivityKind.Server && Tag(a, "server.port") == new Uri(baseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
                                     && Tag(a, "url.path") is "/health" or "/alive"), Is.Empty, Describe(spans));
    }

    static bool IsWebhookRequest(Activity a) => a.Kind == ActivityKind.Server && Tag(a, "http.route") == "/webhooks/stripe";

    static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyDictionary<ActivitySpanId, Activity> byId)
    {
        var current = span;
        while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
        {
            yield return parent;
            current = parent;
        }
    }

    static string? Tag(Activity activity, string key) => activity.GetTagItem(key)?.ToString();

    static string Describe(IEnumerable<Activity> spans) => string.Join("\n", spans.Select(a =>
        $"  {a.TraceId} {a.SpanId} ← {a.ParentSpanId} {a.Source.Name} {a.Kind} '{a.DisplayName}' {Tag(a, "url.full")} [{string.Join(", ", a.TagObjects.Select(t => t.Key + "=" + t.Value))}]"));

    /// <summary>The in-memory exporter's target; spans end on many threads, so adding and reading take a lock.</summary>
    sealed class ExportedSpans : Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (Items) base.InsertItem(index, item);
        }

        public async Task<List<Activity>> WaitForAsync(Func<List<Activity>, bool> ready, TimeSpan limit)
        {
            var until = DateTime.UtcNow + limit;
            while (true)
            {
                List<Activity> spans;
                lock (Items) spans = [.. Items];
                if (ready(spans) || DateTime.UtcNow > until) return spans;
                await Task.Delay(50);
            }
        }
    }
}
