using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Store;

namespace Payments.Integration.Tests.Flows.PaymentRisk;

/// <summary>
/// An early fraud warning on a charge that became a P21 sales order, through the gateway, saga host, Stripe service and P21 service, each
/// its own process on RabbitMQ: the default risk policy refunds an actionable warning under its limit proactively, once, and the
/// stripe-refund flow books that refund as one RMA (a full refund: the order's lines).
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_an_early_fraud_warning_arrives_through_the_service_processes : FlowFixture
{
    [OneTimeSetUp]
    public async Task ConnectStripe()
    {
        Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
        foreach (var queue in new[] { "charge-risk-state", "describe-risky-charge", "refund-charge-for-fraud", "refund-state", "post-p21-refund-return" })
            await Broker.WaitForConsumerAsync(queue, Within);
    }

    [Test]
    public async Task Should_refund_the_charge_once_and_book_the_refund_as_one_RMA()
    {
        var charge = NewCharge();
        var (status, body) = await PostChargeSucceededAsync(charge);
        Assert.That(status, Is.EqualTo(200), body);
        var orderNo = OrderNoOf(await WaitForCompletedAsync(charge))!;

        var warningId = (string)Stripe.Account.CreateEarlyFraudWarning(charge.Id)["id"]!;
        await WaitUntilAsync(() => RefundsOf(charge.Id).Count > 0, $"a refund of charge {charge.Id}");
        var refund = RefundsOf(charge.Id)[0];
        var refundId = (string)refund["id"]!;
        var completed = await WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripeRefund(refundId), $"refund {refundId}");
        // The refund makes the warning no longer actionable (radar.early_fraud_warning.updated): decided again, never refunded twice.
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        var rmas = P21.Store.Rmas.Where(r => r.PoNo == refundId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(RefundsOf(charge.Id), Has.Count.EqualTo(1), "one proactive refund");
            Assert.That((long)refund["amount"]!, Is.EqualTo(charge.Amount), "the whole charge");
            Assert.That((string?)refund["reason"], Is.EqualTo("fraudulent"));
            Assert.That((string?)refund["metadata"]?[StripeMetadataKeys.EarlyFraudWarning], Is.EqualTo(warningId));
            Assert.That(rmas, Has.Count.EqualTo(1), "booked as one RMA");
            Assert.That(rmas.SelectMany(r => r.Lines).Select(l => (l.ItemId, l.UnitQuantity)),
                Is.EquivalentTo(new[] { ("WIDGET-001", 2m), ("GADGET-200", 1m) }), "a full refund returns the order's lines");
            Assert.That(rmas.Select(r => r.CustomerId), Is.All.EqualTo(P21Seed.AcmeCustomerId));
            Assert.That(completed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21Rma).GetString(), Is.EqualTo(rmas.Single().OrderNo));
            Assert.That(P21.Store.FindOrdersByReference(charge.Id).Select(o => o.OrderNo), Is.EqualTo(new[] { orderNo }));
            Assert.That(queues.Where(q => q.Messages > 0).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "messages left in queues");
        });
    }

    List<JsonObject> RefundsOf(string chargeId) => [.. Stripe.Account.List("refund").Where(r => (string?)r["charge"] == chargeId)];
}
