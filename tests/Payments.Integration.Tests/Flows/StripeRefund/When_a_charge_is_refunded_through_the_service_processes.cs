using System.Text.Json;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;

namespace Payments.Integration.Tests.Flows.StripeRefund;

/// <summary>
/// Refunds made in Stripe after (or before) a charge became a P21 sales order, through the gateway, saga host, Stripe service and P21
/// service, each its own process on RabbitMQ. The Stripe fake sends its signed <c>charge.refunded</c>, <c>refund.*</c> and
/// <c>charge.refund.updated</c> to the gateway as Stripe would; P21 must get one RMA per refund, for that refund's own amount, once.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_charge_is_refunded_through_the_service_processes : FlowFixture
{
    const string RefundSagaQueue = "refund-state";
    const string DescribeQueue = "describe-refunded-charge";
    const string ChargeRefundedQueue = "stripe-charge-refunded";
    const string PostReturnQueue = "post-p21-refund-return";
    const string PostReturnErrorQueue = "post-p21-refund-return_error";
    const string ReverseReturnQueue = "reverse-p21-refund-return";

    [OneTimeSetUp]
    public async Task ConnectStripe()
    {
        // Refunds are made in the Stripe fake (as in the dashboard); it sends their events, signed, to the gateway process.
        Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
        foreach (var queue in new[] { RefundSagaQueue, DescribeQueue, ChargeRefundedQueue, PostReturnQueue, ReverseReturnQueue })
            await Broker.WaitForConsumerAsync(queue, Within);
    }

    [Test]
    public async Task Should_book_30_then_20_as_two_RMAs_of_their_own_amounts_never_50()
    {
        var (charge, orderNo) = await SellAsync();
        var requests = P21.Requests.Count;

        var first = Refund(charge, 3_000);
        var firstCompleted = await WaitForRefundCompletedAsync(first);
        var second = Refund(charge, 2_000);
        var secondCompleted = await WaitForRefundCompletedAsync(second);
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        var rmas = RmasOf(first, second);
        Assert.Multiple(() =>
        {
            Assert.That((long?)Stripe.GetCharge(charge.Id)!["amount_refunded"], Is.EqualTo(5_000), "Stripe's cumulative amount_refunded");
            Assert.That(rmas, Has.Count.EqualTo(2), "one RMA per refund");
            Assert.That(RmaTotal(first), Is.EqualTo(30.00m), "the first refund's own amount");
            Assert.That(RmaTotal(second), Is.EqualTo(20.00m), "the second refund's own amount, not the cumulative 50.00");
            Assert.That(P21.Store.Rmas.Where(r => r.PoNo is not null && r.PoNo.StartsWith("re_", StringComparison.Ordinal))
                .Select(r => r.Lines.Sum(l => l.ExtendedPrice)), Has.None.EqualTo(50.00m), "no RMA of the cumulative amount");
            Assert.That(rmas.Select(r => r.CustomerId), Is.All.EqualTo(P21Seed.AcmeCustomerId), "against the order's customer");
            Assert.That(rmas.Select(r => r.CancelFlag), Is.All.EqualTo("N"));
            Assert.That(RmaNoOf(firstCompleted), Is.EqualTo(RmasOf(first).Single().OrderNo), "the first refund's FlowCompleted names its RMA");
            Assert.That(RmaNoOf(secondCompleted), Is.EqualTo(RmasOf(second).Single().OrderNo), "the second refund's FlowCompleted names its RMA");
            Assert.That(firstCompleted.GetProperty("documents").GetProperty(FlowDocumentKeys.StripeCharge).GetString(), Is.EqualTo(charge.Id));
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(2), "two TAPI RMA creates, nothing else");
            Assert.That(P21.Store.FindOrder(orderNo)!.CancelFlag, Is.EqualTo("N"), "the sales order itself is untouched");
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_cancel_the_RMA_of_a_refund_that_fails_later_exactly_once()
    {
        var (charge, _) = await SellAsync();
        var refund = Refund(charge, 2_500);
        var completed = await WaitForRefundCompletedAsync(refund);
        var rmaNo = RmaNoOf(completed);
        var requests = P21.Requests.Count;

        // The card cannot take the money back: Stripe sends refund.updated, charge.refund.updated and refund.failed, all "failed".
        Stripe.Account.FailRefund(refund, "expired_or_canceled_card");
        await WaitUntilAsync(() => P21.Store.FindOrder(rmaNo!)?.CancelFlag == "Y", $"RMA {rmaNo} cancelled");
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        Assert.Multiple(() =>
        {
            Assert.That(RmasOf(refund).Select(r => (r.OrderNo, r.CancelFlag)), Is.EqualTo(new[] { (rmaNo, "Y") }), "the one RMA, cancelled, no other");
            Assert.That(RmaTotal(refund), Is.EqualTo(25.00m));
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(1), "one TAPI RMA update for three failure reports");
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_book_a_refund_made_before_the_charge_became_a_P21_order_once_the_order_lands()
    {
        var before = await Broker.SettledQueuesAsync();
        var charge = NewCharge();
        // The customer is refunded before charge-to-order has run: the charge names no P21 order yet.
        var refund = Refund(charge, 1_500);
        var read = await Broker.GrowthSinceAsync(before, q => q.Acked, new Dictionary<string, long> { [DescribeQueue] = 2 }, Within);
        Assert.Multiple(() =>
        {
            Assert.That(read[DescribeQueue], Is.GreaterThanOrEqualTo(2), "the charge was read, and read again after a recheck");
            Assert.That(RmasOf(refund), Is.Empty, "nothing booked while there is no P21 order");
        });

        var (status, body) = await PostChargeSucceededAsync(charge);
        Assert.That(status, Is.EqualTo(200), body);
        var completed = await WaitForEachPublishedAsync<FlowCompleted>(
            CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id), CorrelationKey.StripeRefund(refund));
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        var orderNo = OrderNoOf(completed[CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid()]);
        var rmas = RmasOf(refund);
        Assert.Multiple(() =>
        {
            Assert.That(P21.Store.FindOrdersByReference(charge.Id).Select(o => o.OrderNo), Is.EqualTo(new[] { orderNo }), "one sales order");
            Assert.That(rmas, Has.Count.EqualTo(1), "the waiting refund booked once the order landed");
            Assert.That(RmaTotal(refund), Is.EqualTo(15.00m));
            Assert.That(rmas.Select(r => r.CustomerId), Is.All.EqualTo(P21Seed.AcmeCustomerId));
            Assert.That(RmaNoOf(completed[CorrelationKey.StripeRefund(refund).ToGuid()]), Is.EqualTo(rmas.Single().OrderNo));
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_fault_a_P21_refusal_of_the_RMA_to_the_error_queue_and_post_it_once_after_a_redrive()
    {
        var (charge, _) = await SellAsync();
        var requests = P21.Requests.Count;
        const string refusal = "Customer 100198 is on credit hold.";
        P21.Faults.Inject(P21Route.Transaction, P21Fault.BusinessRuleFailure(refusal));

        var refund = Refund(charge, 1_000);
        var failed = await WaitForPublishedAsync<FlowFailed>(CorrelationKey.StripeRefund(refund), $"refund {refund}");
        var faulted = (await Broker.WaitForMessagesAsync(PostReturnErrorQueue, 1, Within)).Single();
        var headers = faulted.GetProperty("properties").GetProperty("headers");
        var messageId = faulted.GetProperty("properties").GetProperty("message_id").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(1), "a business-rule refusal is not retried");
            Assert.That(failed.GetProperty("step").GetString(), Is.EqualTo("PostP21RefundReturn"));
            Assert.That(failed.GetProperty("reason").GetString(), Does.Contain(refusal));
            Assert.That(Header(headers, "MT-Fault-ExceptionType"), Does.EndWith("PermanentFailureException"));
            Assert.That(Header(headers, "Payments-Failure-Kind"), Is.EqualTo("permanent"));
            Assert.That(Header(headers, "Payments-Failure-System"), Is.EqualTo("P21"));
            Assert.That(faulted.GetProperty("payload").GetString(), Does.Contain(refund), "the PostP21RefundReturn of this refund");
            Assert.That(RmasOf(refund), Is.Empty);
        });

        var (redriven, output) = await RunPaymentsCommandAsync("faults", "redrive", PostReturnErrorQueue, "--message-id", messageId);
        Assert.That(redriven, Is.Zero, output);
        Assert.That(output, Does.Contain($"moved 1 message(s) from {PostReturnErrorQueue} to {PostReturnQueue}"));
        var completed = await WaitForRefundCompletedAsync(refund);
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        Assert.Multiple(() =>
        {
            Assert.That(RmasOf(refund), Has.Count.EqualTo(1), "posted once after the redrive");
            Assert.That(RmaTotal(refund), Is.EqualTo(10.00m));
            Assert.That(RmaNoOf(completed), Is.EqualTo(RmasOf(refund).Single().OrderNo));
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(2), "the refused call and the one after the redrive");
            AssertNothingLeft(queues);
        });
    }

    /// <summary>A charge that became a P21 sales order (the charge-to-order flow), with the order number written back on it.</summary>
    async Task<(ChargeSpec Charge, string OrderNo)> SellAsync()
    {
        var charge = NewCharge();
        var (status, body) = await PostChargeSucceededAsync(charge);
        Assert.That(status, Is.EqualTo(200), body);
        var orderNo = OrderNoOf(await WaitForCompletedAsync(charge))!;
        Assert.That(Stripe.GetChargeMetadata(charge.Id).GetValueOrDefault(StripeMetadataKeys.P21OrderNo), Is.EqualTo(orderNo));
        return (charge, orderNo);
    }

    /// <summary>Refunds part of the charge in the Stripe fake, as the dashboard does; returns the refund's id.</summary>
    string Refund(ChargeSpec charge, long amountMinor) =>
        (string)Stripe.Account.CreateRefund(charge.Id, null, amountMinor, "requested_by_customer")["id"]!;

    Task<JsonElement> WaitForRefundCompletedAsync(string refundId) =>
        WaitForPublishedAsync<FlowCompleted>(CorrelationKey.StripeRefund(refundId), $"refund {refundId}");

    /// <summary>P21's RMAs that carry one of the refunds' ids as their reference (<c>po_no</c>).</summary>
    List<P21OrderRecord> RmasOf(params string[] refundIds) => [.. P21.Store.Rmas.Where(r => refundIds.Contains(r.PoNo))];

    decimal RmaTotal(string refundId) => RmasOf(refundId).SelectMany(r => r.Lines).Sum(l => l.ExtendedPrice);

    static string? RmaNoOf(JsonElement completed) => completed.GetProperty("documents").GetProperty(FlowDocumentKeys.P21Rma).GetString();

    static void AssertNothingLeft(IReadOnlyList<QueueView> queues) =>
        Assert.That(queues.Where(q => q.Messages > 0).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "messages left in queues");

    static string? Header(JsonElement headers, string name) =>
        headers.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;
}
