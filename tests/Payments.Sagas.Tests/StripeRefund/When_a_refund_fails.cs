using MassTransit.Testing;
using Payments.Contracts.StripeRefund;

namespace Payments.Sagas.Tests.StripeRefund;

public class When_a_refund_fails : RefundSpec
{
    [Test]
    public async Task Should_reverse_exactly_what_was_booked_and_set_the_Znode_payment_back_to_captured()
    {
        Charge(p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", 3000));
        var report = Reported();
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.Final);

        await Harness.Bus.Publish(Reported(status: "failed", eventType: "refund.failed", failureReason: "lost_or_stolen_card", secondsLater: 3600));

        var saga = await WaitForState(report.CorrelationId, Machine.Reversed);
        var reverse = Published<ReverseP21RefundReturn>().Single();
        var znode = Published<ReverseZnodeRefund>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((reverse.DocumentKind, reverse.DocumentNumber, reverse.AmountMinor, reverse.Currency), Is.EqualTo(("journal", "JE-re_1", 3000L, "USD")));
            Assert.That(reverse.Reason, Is.EqualTo("Stripe refund re_1 failed: lost_or_stolen_card"));
            Assert.That((znode.OrderNumber, znode.AmountMinor, znode.PaymentStatus), Is.EqualTo(("ZN-1001", 3000L, "CAPTURED")));
            Assert.That((saga.P21ReversalNumber, saga.ZnodePaymentStatus, saga.ReversedAt), Is.EqualTo(("JE-R-re_1", "CAPTURED", (DateTime?)Clock.GetUtcNow().UtcDateTime)));
            Assert.That(Published<PostP21RefundReturn>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_leave_the_Znode_payment_partially_refunded_when_another_refund_stands()
    {
        Charge(amount: 5000, p21Order: null, znodeOrder: "ZN-1001", refunds: [Listed("re_0", 1000), Listed("re_1", 3000)]);
        var report = Reported();
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.Final);

        await Harness.Bus.Publish(Reported(status: "failed", eventType: "charge.refund.updated", secondsLater: 60));

        await WaitForState(report.CorrelationId, Machine.Reversed);
        Assert.That(Published<ReverseZnodeRefund>().Single().PaymentStatus, Is.EqualTo("PARTIALLY REFUNDED"));
    }

    [Test]
    public async Task Should_reverse_only_P21_for_a_charge_to_order_sale()
    {
        Charge(p21Order: "1045", refunds: Listed("re_1", 3000));
        var report = Reported();
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.Final);

        await Harness.Bus.Publish(Reported(status: "canceled", eventType: "refund.updated", secondsLater: 60));

        await WaitForState(report.CorrelationId, Machine.Reversed);
        Assert.Multiple(() =>
        {
            Assert.That(Published<ReverseP21RefundReturn>().Single().DocumentNumber, Is.EqualTo("RMA-re_1"));
            Assert.That(Published<ReverseZnodeRefund>(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_book_nothing_when_the_failure_is_the_first_report_and_ignore_the_older_creation()
    {
        Charge(p21Order: "1045", refunds: Listed("re_1", 3000, status: "failed"));
        var failed = Reported(status: "failed", eventType: "refund.failed", failureReason: "declined", secondsLater: 60);
        await Report(failed);
        var saga = await WaitForState(failed.CorrelationId, Machine.Canceled);

        // refund.created, sent before refund.failed, delivered after it.
        await Report(Reported(status: "pending"));

        Assert.Multiple(() =>
        {
            Assert.That((saga.CurrentState, saga.Status, saga.StripeFailureReason), Is.EqualTo(("Canceled", "failed", "declined")));
            Assert.That(Published<DescribeRefundedCharge>(), Is.Empty);
            Assert.That(Published<PostP21RefundReturn>(), Is.Empty);
            Assert.That(MachineWarnings(), Is.Empty);
        });
    }
}
