using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;

namespace Payments.Integration.Tests.Flows.ZnodeOrderToCash;

/// <summary>
/// A Znode order through the Znode service, saga host, Stripe service, P21 service and gateway, each its own process on RabbitMQ: the
/// Znode simulator announces the order to the Znode service's webhook (its poller reads it too), the shopper pays the PaymentIntent on
/// the Stripe fake, which sends its signed webhooks to the gateway; Znode must show the capture and P21's ledger one balanced entry.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_Znode_order_is_paid_through_the_service_processes : FlowFixture
{
    const string ZnodeService = "Payments.ZnodeService";

    [OneTimeSetUp]
    public async Task ConnectTheOutsideWorld()
    {
        Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
        Znode.Webhooks.Configure(new ZnodeWebhookOptions { Url = Service(ZnodeService).BaseUrl + "/webhooks/znode", Secret = ZnodeWebhookSecret });
        foreach (var queue in new[]
                 {
                     "znode-order-state", "znode-order-announced", "create-znode-order-payment-intent", "offer-znode-order-payment",
                     "record-znode-order-payment", "record-znode-order-decline", "post-znode-order-journal",
                 })
            await Broker.WaitForConsumerAsync(queue, Within);
    }

    [Test]
    public async Task Should_capture_the_payment_in_Znode_and_post_one_journal_in_P21()
    {
        var order = Znode.PlaceOrder(ZnodeShopOrders.ThreeWidgets());
        var intentId = await WaitForOfferedPaymentAsync(order);

        var paid = Stripe.Account.ConfirmPaymentIntent(intentId, "pm_card_visa", null);
        var completed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.ZnodeOrder(order.OrderNumber), $"Znode order {order.OrderNumber}");

        AssertCapturedAndJournaled(order, intentId, (string)paid.Charge!["id"]!, completed.GetProperty("documents"));
    }

    [Test]
    public async Task Should_record_a_decline_in_Znode_and_mail_the_shopper_then_complete_when_paid()
    {
        var order = Znode.PlaceOrder(ZnodeShopOrders.ThreeWidgets());
        var intentId = await WaitForOfferedPaymentAsync(order);

        var declined = Stripe.Account.ConfirmPaymentIntent(intentId, "pm_card_chargeDeclinedInsufficientFunds", null);
        Assert.That(declined.Declined, Is.True);
        var mail = await Mail.WaitForAsync(m => m.To.Contains(order.Email!) && m.Subject.Contains("declined"), Within);
        Assert.That(mail, Is.Not.Null, "the shopper's mail about the decline");
        Assert.That(mail!.TextBody, Does.Contain("insufficient_funds").And.Contain("Your card has insufficient funds."));
        var afterDecline = Znode.Store.FindOrder(order.OrderNumber)!;
        Assert.Multiple(() =>
        {
            Assert.That(Znode.Store.PaymentName(afterDecline.OmsPaymentStateId), Is.EqualTo("DECLINED").IgnoreCase);
            Assert.That(afterDecline.History.Select(h => h.Message), Has.Some.Contains("insufficient_funds").And.Contains("Your card has insufficient funds."));
            Assert.That(LedgerLinesOf(order), Is.Empty, "no journal for a declined payment");
        });

        var paid = Stripe.Account.ConfirmPaymentIntent(intentId, "pm_card_visa", null);
        var completed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.ZnodeOrder(order.OrderNumber), $"Znode order {order.OrderNumber}");

        AssertCapturedAndJournaled(order, intentId, (string)paid.Charge!["id"]!, completed.GetProperty("documents"));
    }

    /// <summary>Waits for the flow's PaymentIntent and its offer to the shopper (the mail with the amount due).</summary>
    async Task<string> WaitForOfferedPaymentAsync(ZnodeOrder order)
    {
        var offer = await Mail.WaitForAsync(m => m.To.Contains(order.Email!) && m.Subject.Contains($"Payment for your order {order.OrderNumber}"), Within);
        Assert.That(offer, Is.Not.Null, $"the offer of order {order.OrderNumber}'s payment");
        var intents = IntentsOf(order);
        Assert.That(intents, Has.Count.EqualTo(1), "one PaymentIntent for the order");
        return (string)intents[0]["id"]!;
    }

    void AssertCapturedAndJournaled(ZnodeOrder placed, string intentId, string chargeId, System.Text.Json.JsonElement documents)
    {
        var order = Znode.Store.FindOrder(placed.OrderNumber)!;
        var lines = LedgerLinesOf(order);
        Assert.Multiple(() =>
        {
            Assert.That(documents.GetProperty(FlowDocumentKeys.StripePaymentIntent).GetString(), Is.EqualTo(intentId));
            Assert.That(Znode.Store.PaymentName(order.OmsPaymentStateId), Is.EqualTo("CAPTURED").IgnoreCase);
            Assert.That(order.TransactionId, Is.EqualTo(chargeId), "the Stripe charge recorded as Znode's transaction id");
            Assert.That(order.History.Select(h => h.Message), Has.Some.Contains(intentId).And.Not.Contains("declined"), "a history note of the capture");
            Assert.That(IntentsOf(order), Has.Count.EqualTo(1), "still one PaymentIntent");
            Assert.That(lines.Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(1), "one journal entry");
            Assert.That(lines, Has.Count.EqualTo(2));
            Assert.That(lines.Sum(l => l.Amount), Is.Zero, "balanced");
            Assert.That(lines.Single(l => l.Amount > 0).AccountNumber, Is.EqualTo(P21Seed.StripeClearingAccount));
            Assert.That(lines.Single(l => l.Amount > 0).Amount, Is.EqualTo(order.Total));
            Assert.That(lines.Single(l => l.Amount < 0).AccountNumber, Is.EqualTo(P21Seed.CustomerDepositsAccount));
        });
    }

    List<JsonObject> IntentsOf(ZnodeOrder order) =>
        [.. Stripe.Account.List("payment_intent").Where(i => (string?)i["metadata"]?[StripeMetadataKeys.ZnodeOrderNumber] == order.OrderNumber)];

    List<P21GlLineRecord> LedgerLinesOf(ZnodeOrder order) =>
        [.. P21.Store.Ledger.Lines.Where(l => (l.Source + " " + l.Description).Contains(order.OrderNumber, StringComparison.Ordinal))];
}
