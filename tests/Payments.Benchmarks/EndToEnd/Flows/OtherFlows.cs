using System.Diagnostics;
using Payments.Contracts.Shared;
using Payments.Simulators.Stripe;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Flows;

/// <summary>One other flow's runs: latencies of those that completed, and what was not driven or did not finish.</summary>
public sealed record OtherFlowResult(string Flow, int Runs, IReadOnlyList<double> LatenciesMs, string Note);

/// <summary>
/// The flows other than charge-to-order, each run a few times one after another, started as the flow tests start them (the Stripe fake
/// delivers its own webhooks to the gateway once configured to). Latency: from the starting event to the flow's <c>FlowCompleted</c>.
/// </summary>
public sealed class OtherFlows(SimulatedSystems systems, FlowObserver observer, ChargeLoad load, ServiceCluster cluster, int runs)
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<OtherFlowResult>> RunAsync()
    {
        // From here on the fake sends the events of what it is told to do (refund, dispute) to the gateway itself, as Stripe does.
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

    /// <summary>A charge that went through charge-to-order (its charge.succeeded posted as the load does), with its P21 order.</summary>
    async Task<(ChargeSpec Charge, string OrderNo)> SellWithOrderAsync()
    {
        var events = load.Prepare(1);
        await load.BurstAsync(events);
        var flow = events[0].Flow;
        await UntilAsync(() => flow.IsCompleted);
        var charge = load.Offered[^1].Charge;
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
