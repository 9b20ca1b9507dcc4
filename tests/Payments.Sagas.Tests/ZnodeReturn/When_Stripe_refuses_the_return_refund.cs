using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;

namespace Payments.Sagas.Tests.ZnodeReturn;

public class When_Stripe_refuses_the_return_refund : ZnodeReturnSpec
{
    const string StripeSays = "Refund amount ($80.00) is greater than unrefunded amount on charge ($50.00)";

    [Test]
    public async Task Should_stop_in_Failed_with_Stripes_reason_and_leave_the_return_untouched()
    {
        Stripe.StripeRefusal = StripeSays;
        var approved = Approved(amount: 80.00m);

        await Harness.Bus.Publish(approved);

        var saga = await WaitForState(approved.CorrelationId, Machine.Failed);
        await Settled();
        var failed = Published<FlowFailed>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(RefundZnodeReturn)));
            Assert.That(saga.FailureReason, Is.EqualTo($"PermanentFailureException: {StripeSays}"));
            Assert.That((failed.Flow, failed.Subject, failed.Step), Is.EqualTo((FlowNames.ZnodeReturn, "znode-return:RMA-77", nameof(RefundZnodeReturn))));
            Assert.That(Published<CompleteZnodeReturn>(), Is.Empty, "the RMA stays as it is");
            Assert.That(saga.RefundId, Is.Null);
        });
    }

    [Test]
    public async Task Should_stop_in_Failed_when_Stripe_makes_the_refund_but_it_fails_at_once()
    {
        Stripe.HoldStripesAnswer = true;
        var approved = Approved();
        await Harness.Bus.Publish(approved);
        Assert.That(await Harness.Consumed.Any<RefundZnodeReturn>(), Is.True);

        await Harness.Bus.Publish(RefundingStripe.Refunded(Published<RefundZnodeReturn>().Single()) with { Status = "failed" });

        var saga = await WaitForState(approved.CorrelationId, Machine.Failed);
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.FailureReason), Is.EqualTo((nameof(RefundZnodeReturn), "Stripe refund re_RMA-77 of Znode return RMA-77 is failed")));
            Assert.That(Published<CompleteZnodeReturn>(), Is.Empty);
        });
    }
}
