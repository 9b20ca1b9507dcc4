using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Payments.Simulators.Stripe;
using Payments.Testing.Cluster;
using SandboxCharge = Payments.Sandbox.Scenarios.ChargeToOrder.ChargeFlow;

namespace Payments.Chaos;

/// <summary>One charge of the run: its Stripe ids, and what delivering its webhook took.</summary>
public sealed class ChargeFlow(ChargeSpec charge, StripeWebhookEvent webhook)
{
    public ChargeSpec Charge { get; } = charge;
    /// <summary>The one event, same id on every attempt, as Stripe retries an event.</summary>
    public StripeWebhookEvent Webhook { get; } = webhook;
    public int Attempts { get; set; }
    /// <summary>When a gateway answered 200 (relative to the run's start); null while Stripe would still retry.</summary>
    public TimeSpan? AcceptedAt { get; set; }
}

/// <summary>
/// The load: <see cref="ChaosOptions.Flows"/> charges, each known to the Stripe fake and announced by a signed <c>charge.succeeded</c>
/// posted to a gateway (round robin over the replicas, as a load balancer would), paced at <see cref="ChaosOptions.Rate"/> per second.
/// A webhook a gateway does not answer 200 is retried as Stripe retries a failed delivery: the same event, with a growing wait
/// (shortened from Stripe's hours to seconds), until the run's deadline.
/// </summary>
public sealed class ChargeLoad(ServiceCluster cluster, SimulatedSystems systems, ChaosOptions options, Stopwatch clock)
{
    static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15)];
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    int _next;

    public ConcurrentBag<ChargeFlow> Flows { get; } = [];
    public int FailedDeliveries;

    /// <summary>Starts every flow at its paced time and returns once each webhook was accepted or the deadline passed.</summary>
    public async Task RunAsync(CancellationToken deadline)
    {
        var deliveries = new List<Task>();
        for (var i = 0; i < options.Flows && !deadline.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / options.Rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed, deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var charge = SandboxCharge.DemonstrationCharge();
            systems.Stripe.CreateCharge(charge);
            var flow = new ChargeFlow(charge, StripeEventBuilder.ChargeSucceeded(charge));
            Flows.Add(flow);
            deliveries.Add(DeliverAsync(flow, deadline));
        }
        await Task.WhenAll(deliveries);
    }

    async Task DeliverAsync(ChargeFlow flow, CancellationToken deadline)
    {
        while (!deadline.IsCancellationRequested)
        {
            flow.Attempts++;
            if (await PostAsync(flow.Webhook, deadline))
            {
                flow.AcceptedAt = clock.Elapsed;
                return;
            }
            Interlocked.Increment(ref FailedDeliveries);
            var wait = Backoff[Math.Min(flow.Attempts - 1, Backoff.Length - 1)];
            await Task.Delay(wait, deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    async Task<bool> PostAsync(StripeWebhookEvent webhook, CancellationToken deadline)
    {
        // Read each time: a restarted gateway listens on a new port.
        var gateways = cluster.GatewayUrls;
        var gateway = gateways[(int)((uint)Interlocked.Increment(ref _next) % gateways.Count)];
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, gateway + "/webhooks/stripe")
            {
                Content = new StringContent(webhook.Json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Stripe-Signature", webhook.Sign(ServiceEnvironment.WebhookSecret));
            using var response = await _http.SendAsync(request, deadline);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false; // the gateway is down or too slow: Stripe would retry
        }
    }
}
