using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Payments.Contracts.Shared;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Simulators.Stripe;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Flows;

/// <summary>
/// Signed <c>charge.succeeded</c> webhooks for charges the Stripe fake knows (P21's seeded customer Acme, two item lines, as the flow
/// tests make them), offered open loop: each is posted at its planned moment whether or not earlier ones have finished; with several
/// gateway replicas, to each in turn (as a load balancer in front of them would).
/// </summary>
public sealed class ChargeLoad(SimulatedSystems systems, FlowObserver observer, IReadOnlyList<string> gatewayUrls) : IDisposable
{
    readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 256 })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
    Uri[] _webhookUrls = WebhookUrls(gatewayUrls);
    int _posted;

    /// <summary>Where the webhooks go from now on: a restarted gateway listens on a port of its own.</summary>
    public void UseGateways(IReadOnlyList<string> urls) => _webhookUrls = WebhookUrls(urls);

    static Uri[] WebhookUrls(IReadOnlyList<string> gatewayUrls) => [.. gatewayUrls.Select(url => new Uri(url + "/webhooks/stripe"))];

    /// <summary>Every charge offered so far, for the final check (one P21 order each).</summary>
    public List<(ChargeSpec Charge, TrackedFlow Flow)> Offered { get; } = [];

    /// <summary>Charges created at the fake and their events built before the clock starts; tracked by their flow's correlation id.</summary>
    public IReadOnlyList<(string Json, TrackedFlow Flow)> Prepare(int count)
    {
        var prepared = new List<(string, TrackedFlow)>(count);
        for (var i = 0; i < count; i++)
        {
            var charge = ChargeFlow.DemonstrationCharge();
            systems.Stripe.CreateCharge(charge);
            var flow = observer.Track(CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid(), charge.Id);
            Offered.Add((charge, flow));
            prepared.Add((StripeEventBuilder.ChargeSucceeded(charge).Json, flow));
        }
        return prepared;
    }

    /// <summary>Posts every event at once; returns when the gateway answered all.</summary>
    public Task BurstAsync(IReadOnlyList<(string Json, TrackedFlow Flow)> events) => Task.WhenAll(events.Select(e => PostAsync(e.Json, e.Flow)));

    /// <summary>Posts event <c>i</c> at <c>i / rate</c> seconds from now, catching up when the timer wakes late; returns once all are answered.</summary>
    public async Task PacedAsync(IReadOnlyList<(string Json, TrackedFlow Flow)> events, double rate)
    {
        var posts = new List<Task>(events.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            posts.Add(PostAsync(events[i].Json, events[i].Flow));
        }
        await Task.WhenAll(posts);
    }

    async Task PostAsync(string json, TrackedFlow flow)
    {
        await Task.Yield(); // the pacing loop goes on at once
        try
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var urls = _webhookUrls;
            using var request = new HttpRequestMessage(HttpMethod.Post, urls[(int)((uint)Interlocked.Increment(ref _posted) % urls.Length)]) { Content = content };
            request.Headers.Add("Stripe-Signature", StripeEventBuilder.Sign(json, ServiceEnvironment.WebhookSecret));
            flow.SentAt = Stopwatch.GetTimestamp();
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                flow.Accepted = false;
                flow.Rejection = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            flow.Accepted = false;
            flow.Rejection = e.Message;
        }
    }

    public void Dispose() => _http.Dispose();
}
