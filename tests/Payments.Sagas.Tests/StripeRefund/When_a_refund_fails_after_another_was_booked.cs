using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeReturn;

namespace Payments.Sagas.Tests.StripeRefund;

/// <summary>Znode's status after a reversal reflects the charge's other refunds when the refund fails, not when it was placed.</summary>
public class When_a_refund_fails_after_another_was_booked : RefundSpec
{
    [Test]
    public async Task Should_leave_the_Znode_payment_partially_refunded_for_a_refund_booked_since()
    {
        Charge(amount: 5000, p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_a", 3000));
        var first = Reported(refundId: "re_a", amount: 3000);
        await Harness.Bus.Publish(first);
        await WaitForState(first.CorrelationId, Machine.Final);

        World.Change("ch_r1", c => c with { Refunds = [Listed("re_a", 3000), Listed("re_b", 2000, minutes: 5)] });
        var second = Reported(refundId: "re_b", amount: 2000);
        await Harness.Bus.Publish(second);
        await WaitForState(second.CorrelationId, Machine.Final);

        World.Change("ch_r1", c => c with { Refunds = [Listed("re_a", 3000, status: "failed"), Listed("re_b", 2000, minutes: 5)] });
        await Harness.Bus.Publish(Reported(refundId: "re_a", amount: 3000, status: "failed", eventType: "refund.failed", secondsLater: 3600));

        var saga = await WaitForState(first.CorrelationId, Machine.Reversed);
        Assert.Multiple(() =>
        {
            Assert.That(Published<ReverseZnodeRefund>().Single(r => r.RefundId == "re_a").PaymentStatus, Is.EqualTo("PARTIALLY REFUNDED"));
            Assert.That((saga.ZnodePaymentStatus, saga.OtherRefundsMinor), Is.EqualTo(("PARTIALLY REFUNDED", (long?)2000)));
            Assert.That(Published<DescribeRefundedCharge>().Count(d => d.RefundId == "re_a"), Is.EqualTo(2), "the charge is read again before Znode");
            Assert.That(MachineWarnings(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_set_the_Znode_payment_back_to_captured_when_the_other_refund_failed_since()
    {
        Charge(amount: 5000, p21Order: null, znodeOrder: "ZN-1001", refunds: [Listed("re_b", 2000), Listed("re_a", 3000, minutes: 5)]);
        var report = Reported(refundId: "re_a", amount: 3000);
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.Final);

        World.Change("ch_r1", c => c with { Refunds = [Listed("re_b", 2000, status: "failed"), Listed("re_a", 3000, status: "canceled", minutes: 5)] });
        await Harness.Bus.Publish(Reported(refundId: "re_a", amount: 3000, status: "canceled", eventType: "refund.updated", secondsLater: 3600));

        var saga = await WaitForState(report.CorrelationId, Machine.Reversed);
        Assert.That((Published<ReverseZnodeRefund>().Single().PaymentStatus, saga.ZnodePaymentStatus), Is.EqualTo(("CAPTURED", "CAPTURED")));
    }

    [Test]
    public async Task Should_tell_the_Znode_return_once_that_its_booked_refund_was_reversed()
    {
        Charge(amount: 5000, p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", 3000));
        var report = Reported(znodeReturn: "RMA-9");
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.Final);
        Assert.That(Published<ZnodeReturnRefundBooked>(), Has.Count.EqualTo(1));

        await Harness.Bus.Publish(Reported(status: "failed", eventType: "refund.failed", failureReason: "expired_or_canceled_card", secondsLater: 3600,
            znodeReturn: "RMA-9"));

        await WaitForState(report.CorrelationId, Machine.Reversed);
        await Settled();
        var reversed = Published<ZnodeReturnRefundReversed>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((reversed.CorrelationId, reversed.ReturnNumber, reversed.RefundId, reversed.RefundStatus),
                Is.EqualTo((CorrelationKey.ZnodeReturn("RMA-9").ToGuid(), "RMA-9", "re_1", "failed")));
            Assert.That(reversed.Reason, Is.EqualTo("Stripe refund re_1 failed: expired_or_canceled_card"));
            Assert.That((reversed.P21DocumentKind, reversed.P21DocumentNumber, reversed.P21ReversalNumber), Is.EqualTo(("journal", "JE-re_1", "JE-R-re_1")));
        });
    }

    [Test]
    public async Task Should_not_tell_a_Znode_return_of_a_refund_that_has_none()
    {
        Charge(amount: 5000, p21Order: "1045", refunds: Listed("re_1", 3000));
        var report = Reported();
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.Final);

        await Harness.Bus.Publish(Reported(status: "failed", eventType: "refund.failed", secondsLater: 3600));

        await WaitForState(report.CorrelationId, Machine.Reversed);
        await Settled();
        Assert.That(Published<ZnodeReturnRefundReversed>(), Is.Empty);
    }
}
