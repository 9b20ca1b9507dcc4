using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Domain.Money;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;

namespace Payments.Integration.Tests.Flows.ZnodeReturn;

/// <summary>
/// A paid Znode order (znode-order-to-cash, as its flow test runs it), then a return approved in Znode, through the Znode service (its
/// return poller), saga host, Stripe service, P21 service and gateway, each its own process on RabbitMQ: one Stripe refund of the approved
/// amount, booked by the stripe-refund flow as one reversing P21 journal, the Znode order partially refunded and the return REFUND PROCESSED.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_Znode_return_is_approved_through_the_service_processes : FlowFixture
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
                     "record-znode-order-payment", "post-znode-order-journal", "znode-return-state", "refund-znode-return",
                     "complete-znode-return", "refund-state", "post-p21-refund-return", "record-znode-refund",
                 })
            await Broker.WaitForConsumerAsync(queue, Within);
    }

    [Test]
    public async Task Should_refund_the_approved_amount_once_book_it_in_P21_and_mark_the_return_refund_processed()
    {
        var order = Znode.PlaceOrder(ZnodeShopOrders.ThreeWidgets());
        var offer = await Mail.WaitForAsync(m => m.To.Contains(order.Email!) && m.Subject.Contains($"Payment for your order {order.OrderNumber}"), Within);
        Assert.That(offer, Is.Not.Null, $"the offer of order {order.OrderNumber}'s payment");
        var intentId = (string)IntentsOf(order).Single()["id"]!;
        var paid = Stripe.Account.ConfirmPaymentIntent(intentId, "pm_card_visa", null);
        var chargeId = (string)paid.Charge!["id"]!;
        await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.ZnodeOrder(order.OrderNumber), $"Znode order {order.OrderNumber}");

        // The shopper sends one widget back; an admin approves the return in Znode; the Znode service's poller finds it.
        var returned = Znode.CreateReturn(order.OrderNumber, [("WIDGET-001", 1m)]);
        var approved = Znode.ApproveReturn(returned.ReturnNumber);
        var completed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.ZnodeReturn(approved.ReturnNumber), $"Znode return {approved.ReturnNumber}");
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        var refunds = RefundsOf(chargeId);
        var refundId = (string)refunds.Single()["id"]!;
        var journal = P21.Store.Ledger.Lines.Where(l => (l.Source + " " + l.Description).Contains(refundId, StringComparison.Ordinal)).ToList();
        var after = Znode.Store.FindOrder(order.OrderNumber)!;
        var finalReturn = Znode.Store.FindReturn(approved.ReturnNumber)!;
        Assert.Multiple(() =>
        {
            Assert.That(refunds, Has.Count.EqualTo(1), "one Stripe refund for the return");
            Assert.That((long)refunds[0]["amount"]!, Is.EqualTo(MinorUnits.FromDecimal(approved.TotalReturnAmount, "USD")), "the approved amount");
            Assert.That((string?)refunds[0]["metadata"]?[StripeMetadataKeys.ZnodeReturnNumber], Is.EqualTo(approved.ReturnNumber));
            Assert.That(journal.Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(1), "one reversing journal");
            Assert.That(journal.Sum(l => l.Amount), Is.Zero, "balanced");
            Assert.That(journal.Single(l => l.Amount > 0).Amount, Is.EqualTo(approved.TotalReturnAmount));
            Assert.That(journal.Single(l => l.Amount > 0).AccountNumber, Is.EqualTo(P21Seed.CustomerDepositsAccount), "the sale's credit debited back");
            Assert.That(Znode.Store.PaymentName(after.OmsPaymentStateId), Is.EqualTo("PARTIALLY REFUNDED").IgnoreCase);
            Assert.That(Znode.Store.ReturnStateName(finalReturn.RmaReturnStateId), Is.EqualTo("REFUND PROCESSED").IgnoreCase);
            Assert.That(completed.GetProperty("documents").GetProperty(FlowDocumentKeys.StripeRefund).GetString(), Is.EqualTo(refundId));
            Assert.That(queues.Where(q => q.Messages > 0).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "messages left in queues");
        });
    }

    List<JsonObject> IntentsOf(ZnodeOrder order) =>
        [.. Stripe.Account.List("payment_intent").Where(i => (string?)i["metadata"]?[StripeMetadataKeys.ZnodeOrderNumber] == order.OrderNumber)];

    List<JsonObject> RefundsOf(string chargeId) => [.. Stripe.Account.List("refund").Where(r => (string?)r["charge"] == chargeId)];
}
