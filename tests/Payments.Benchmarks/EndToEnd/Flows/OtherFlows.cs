using System.Diagnostics;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;
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
        ConnectStripe();
        // Znode announces its orders to the Znode service's webhook, as Znode 10 does.
        systems.Znode.Webhooks.Configure(new ZnodeWebhookOptions
        {
            Url = cluster.Process("Payments.ZnodeService").BaseUrl + "/webhooks/znode", Secret = ServiceEnvironment.ZnodeWebhookSecret,
        });
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
            // Placed in Znode, announced by its webhook; the shopper pays as soon as the offer mail arrives, so the latency is the flow's own.
            await RepeatAsync("znode-order-to-cash", async () => (await PayZnodeOrderAsync()).Ms),
            // The risk saga announces no FlowCompleted of its own: its end is the proactive refund's (stripe-refund), as the flow test waits.
            await RepeatAsync("payment-risk (early fraud warning)", async () =>
            {
                var charge = await SellAsync();
                var started = Stopwatch.GetTimestamp();
                systems.Stripe.Account.CreateEarlyFraudWarning(charge.Id);
                await UntilAsync(() => RefundOf(charge.Id) is not null);
                return await CompletedAsync(CorrelationKey.StripeRefund(RefundOf(charge.Id)!), started);
            }, "to the proactive refund's FlowCompleted"),
            await RepeatAsync("stripe-subscription", async () =>
            {
                var customer = Silently(() => (string)systems.Stripe.Account.CreateCustomer(new CustomerFields { Email = P21Seed.AcmeEmail, Name = "Acme Supply Co" })["id"]!);
                var started = Stopwatch.GetTimestamp();
                var subscription = systems.Stripe.Account.CreateSubscription(new SubscriptionFields
                {
                    Customer = customer, Items = [new SubscriptionItemFields(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd, 2)],
                });
                // The first invoice's FlowCompleted (one per paid invoice; a subscription is new each run, so it is the first).
                return await CompletedAsync(CorrelationKey.StripeSubscription((string)subscription["id"]!), started);
            }),
            await RepeatAsync("payout-reconciliation", async () =>
            {
                // The payout holds only this run's sale: what the load and the earlier flows left is paid out first, unheard by the services.
                await systems.Stripe.Webhooks.WaitForDeliveriesAsync();
                Silently(() => { systems.Stripe.Account.SettleAll(); return systems.Stripe.Account.RunPayouts("usd"); });
                await SellAsync();
                systems.Stripe.Account.SettleAll();
                var started = Stopwatch.GetTimestamp();
                var payout = systems.Stripe.Account.RunPayouts("usd").Single();
                return await CompletedAsync(CorrelationKey.StripePayout((string)payout["id"]!), started);
            }),
            await RepeatAsync("znode-return", async () =>
            {
                var (order, _) = await PayZnodeOrderAsync();
                var returned = systems.Znode.CreateReturn(order, [("WIDGET-001", 1m)]);
                // From the admin's approval: the Znode service's return poller (every second here) finds it.
                var started = Stopwatch.GetTimestamp();
                var approved = systems.Znode.ApproveReturn(returned.ReturnNumber);
                return await CompletedAsync(CorrelationKey.ZnodeReturn(approved.ReturnNumber), started);
            }),
        };
        // Customer-sync announces no FlowCompleted (the link record rests Active, and each later change restarts the work): timed, as its
        // flow test waits, to what P21 holds — the new Stripe customer of a shopper already registered in Znode, created in P21.
        results.Add(await RepeatAsync("customer-sync", async () =>
        {
            var email = $"buyer.{Guid.NewGuid():N}@example.com";
            systems.Znode.Store.CreateUser(new ZnodeUserSpec { Email = email, FirstName = "Pat", LastName = "Maple" });
            var started = Stopwatch.GetTimestamp();
            systems.Stripe.Account.CreateCustomer(new CustomerFields
            {
                Email = email, Name = "Maple Hardware Ltd",
                Address = new Dictionary<string, string> { ["line1"] = "200 Main St", ["city"] = "Columbus", ["state"] = "OH", ["postal_code"] = "43215", ["country"] = "US" },
            });
            await UntilAsync(() => systems.P21.Store.Customers.Any(c => string.Equals(c.EmailAddress, email, StringComparison.OrdinalIgnoreCase)));
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }, "to the P21 customer created: the flow announces no FlowCompleted"));
        return results;
    }

    /// <summary>A Znode order placed, offered and paid (znode-order-to-cash, as its flow test runs it): its number and the flow's latency.</summary>
    async Task<(string OrderNumber, double? Ms)> PayZnodeOrderAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var order = systems.Znode.PlaceOrder(ZnodeShopOrders.ThreeWidgets());
        var flow = observer.Track(CorrelationKey.ZnodeOrder(order.OrderNumber).ToGuid(), CorrelationKey.ZnodeOrder(order.OrderNumber).ToString());
        flow.SentAt = started;
        _ = await systems.Mail.WaitForAsync(m => m.To.Contains(order.Email!) && m.Subject.Contains($"Payment for your order {order.OrderNumber}"), Within)
            ?? throw new TimeoutException($"no offer of Znode order {order.OrderNumber}'s payment within 60 s");
        var intent = systems.Stripe.Account.List("payment_intent").Single(i => (string?)i["metadata"]?[StripeMetadataKeys.ZnodeOrderNumber] == order.OrderNumber);
        systems.Stripe.Account.ConfirmPaymentIntent((string)intent["id"]!, "pm_card_visa", null);
        await UntilAsync(() => flow.IsCompleted);
        return (order.OrderNumber, flow.LatencyMs);
    }

    string? RefundOf(string chargeId) =>
        systems.Stripe.Account.List("refund").Where(r => (string?)r["charge"] == chargeId).Select(r => (string?)r["id"]).FirstOrDefault();

    /// <summary>Does something at the fake while it sends no events (no service hears of it), then sends them to the gateway again.</summary>
    T Silently<T>(Func<T> action)
    {
        systems.Stripe.Webhooks.Disable();
        try
        {
            return action();
        }
        finally
        {
            ConnectStripe();
        }
    }

    void ConnectStripe() => systems.Stripe.Webhooks.Configure(cluster.GatewayUrls[0] + "/webhooks/stripe", ServiceEnvironment.WebhookSecret);

    async Task<OtherFlowResult> RepeatAsync(string name, Func<Task<double?>> run, string measured = "")
    {
        var latencies = new List<double>();
        string note = measured;
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
