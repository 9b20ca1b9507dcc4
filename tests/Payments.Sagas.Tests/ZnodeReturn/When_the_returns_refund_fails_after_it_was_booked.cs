using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeReturn;

namespace Payments.Sagas.Tests.ZnodeReturn;

public class When_the_returns_refund_fails_after_it_was_booked : ZnodeReturnSpec
{
    [Test]
    public async Task Should_stop_the_completed_return_for_a_person_with_the_reason()
    {
        var approved = Approved();
        await Harness.Bus.Publish(approved);
        await WaitForState(approved.CorrelationId, Machine.Final);

        // Stripe's refund.failed days later, through the gateway to the stripe-refund flow, which reverses the booking.
        await Harness.Bus.Publish(Failed(RefundingStripe.RefundOf("RMA-77"), "RMA-77"));

        var saga = await WaitForState(approved.CorrelationId, Machine.NeedsAttention);
        await Settled();
        var failed = Published<FlowFailed>().Single(f => f.Flow == FlowNames.ZnodeReturn);
        Assert.Multiple(() =>
        {
            Assert.That(Published<ReverseP21RefundReturn>().Single().DocumentNumber, Is.EqualTo("JE-re_RMA-77"));
            Assert.That((saga.FailedStep, saga.RefundStatus, saga.CompletedReturnState),
                Is.EqualTo((nameof(ZnodeReturnRefundReversed), "failed", "REFUND PROCESSED")));
            Assert.That(saga.FailureReason, Does.StartWith("Stripe refund re_RMA-77 failed: lost_or_stolen_card; its P21 journal JE-re_RMA-77 was reversed by JE-R-re_RMA-77"));
            Assert.That(saga.FailureReason, Does.Contain("Znode return RMA-77 of order ZN-1001 is not refunded; the return is REFUND PROCESSED in Znode"));
            Assert.That(failed.Reason, Is.EqualTo(saga.FailureReason));
            Assert.That(Published<CompleteZnodeReturn>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_stop_a_return_still_awaiting_its_booking()
    {
        Stripe.HoldStripesAnswer = true;
        World.Refusals[nameof(RecordZnodeRefund)] = "Znode is down";
        var approved = Approved();
        await Harness.Bus.Publish(approved);
        var refundId = RefundingStripe.RefundOf("RMA-77");
        Assert.That(await Harness.Published.Any<RefundZnodeReturn>(), Is.True);
        await Harness.Bus.Publish(RefundingStripe.Refunded(Published<RefundZnodeReturn>().Single()));
        await WaitForState(approved.CorrelationId, Machine.AwaitingRefundBooking);

        // The refund's Znode step failed (the flow stops in Failed, the booking not yet announced); then Stripe reports the refund failed.
        Assert.That(await Refunds.Exists(CorrelationKey.StripeRefund(refundId).ToGuid(), m => m.Failed, Harness.TestTimeout), Is.Not.Null);
        await Harness.Bus.Publish(Failed(refundId, "RMA-77"));

        var saga = await WaitForState(approved.CorrelationId, Machine.NeedsAttention);
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailureReason, Does.EndWith("the return was not marked refunded in Znode"));
            Assert.That(Published<CompleteZnodeReturn>(), Is.Empty);
        });
    }

    static StripeRefundReported Failed(string refundId, string returnNumber) => new()
    {
        CorrelationId = CorrelationKey.StripeRefund(refundId).ToGuid(), StripeEventId = $"evt_{refundId}_failed", EventType = "refund.failed",
        RefundId = refundId, ChargeId = "ch_zn_1", AmountMinor = 3000, Currency = "USD", Status = "failed", FailureReason = "lost_or_stolen_card",
        ZnodeReturnNumber = returnNumber, RefundCreatedAt = DateTimeOffset.UtcNow, ReportedAt = DateTimeOffset.UtcNow.AddMinutes(5),
    };
}
