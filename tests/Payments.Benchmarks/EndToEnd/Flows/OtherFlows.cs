using System.Diagnostics;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Flows;

/// <summary>One other flow's runs: latencies of those that completed, and what was not driven or did not finish.</summary>
public sealed record OtherFlowResult(string Flow, int Runs, IReadOnlyList<double> LatenciesMs, string Note);

/// <summary>
/// The flows other than charge-to-order, each run a few times one after another, started as the flow tests start them (the Stripe fake
/// delivers its own webhooks to the gateway once configured to). Latency: from the starting event to the flow's <c>FlowCompleted</c>.
/// </summary>
public sealed class OtherFlows(SimulatedSystems systems, FlowObserver observer, ServiceCluster cluster, int runs)
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<OtherFlowResult>> RunAsync()
    {
        // From here on the fake sends every event it makes to the gateway (a new charge's too): no charge load may follow.
        systems.Stripe.Webhooks.Configure(cluster.GatewayUrls[0] + "/webhooks/stripe", ServiceEnvironment.WebhookSecret);
        var results = new List<OtherFlowResult>
        {
            await RepeatAsync("stripe-refund", async () =>
            {
                var charge = await SellAsync();
                var started = Stopwatch.GetTimestamp();
                var refund = (string)systems.Stripe.Account.CreateRefund(charge.Id, null, 1_500, "requested_by_customer")["id"]!;
                return await CompletedAsync(CorrelationKey.StripeRefund(refund), started);
            }),
            await RepeatAsync("stripe-dispute (won)", async () =>
            {
                var (charge, orderNo) = await SellWithOrderAsync();
                var dispute = (string)systems.Stripe.Account.OpenDispute(charge.Id)["id"]!;
                await UntilAsync(() => systems.P21.Store.FindOrder(orderNo)?.Approved == "N");
                var started = Stopwatch.GetTimestamp();
                systems.Stripe.Account.CloseDispute(dispute, won: true);
                return await CompletedAsync(CorrelationKey.StripeDispute(dispute), started);
            }),
        };
        foreach (var flow in new[] { "znode-order-to-cash", "payment-risk (early fraud warning)", "customer-sync", "stripe-subscription", "payout-reconciliation", "znode-return" })
            results.Add(new OtherFlowResult(flow, 0, [], "not driven yet by this benchmark"));
        return results;
    }

    async Task<OtherFlowResult> RepeatAsync(string name, Func<Task<double?>> run)
    {
        var latencies = new List<double>();
        string note = "";
        for (var i = 0; i < runs; i++)
        {
            try
            {
                if (await run() is { } ms)
                    latencies.Add(ms);
                else
                    note = "did not complete within 60 s";
            }
            catch (TimeoutException e)
            {
                note = e.Message;
            }
        }
        return new OtherFlowResult(name, runs, latencies, note);
    }

    async Task<ChargeSpec> SellAsync() => (await SellWithOrderAsync()).Charge;

    /// <summary>A charge that went through charge-to-order (the fake posts its charge.succeeded), with its P21 order.</summary>
    async Task<(ChargeSpec Charge, string OrderNo)> SellWithOrderAsync()
    {
        var charge = new ChargeSpec
        {
            Amount = 7_499, Currency = "usd", BillingEmail = P21Seed.AcmeEmail, BillingName = "Acme Supply Co",
            Description = "Web order: 2 × WIDGET-001, 1 × GADGET-200",
            Metadata = new Dictionary<string, string> { ["items"] = "WIDGET-001:2,GADGET-200:1" },
        };
        var flow = observer.Track(CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid(), charge.Id);
        systems.Stripe.CreateCharge(charge);
        await UntilAsync(() => flow.IsCompleted);
        var order = systems.P21.Store.FindOrdersByReference(charge.Id).Single();
        return (charge, order.OrderNo);
    }

    async Task<double?> CompletedAsync(CorrelationKey key, long started)
    {
        var flow = observer.Track(key.ToGuid(), key.ToString());
        flow.SentAt = started;
        await UntilAsync(() => flow.IsCompleted);
        return flow.LatencyMs;
    }

    static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("a step did not happen within 60 s");
            await Task.Delay(20);
        }
    }
}
