using MassTransit.Testing;
using Payments.Contracts.ZnodeReturn;

namespace Payments.Sagas.Tests.ZnodeReturn;

public class When_the_refund_is_booked_before_Stripe_answers : ZnodeReturnSpec
{
    [Test]
    public async Task Should_wait_for_both_and_complete_the_return_once()
    {
        Stripe.HoldStripesAnswer = true;
        var approved = Approved();
        await Harness.Bus.Publish(approved);

        // The stripe-refund flow booked the refund from Stripe's webhook; the Stripe service's own answer is still on its way.
        Assert.That(await Saga.Consumed.Any<ZnodeReturnRefundBooked>(), Is.True);
        await Settled();
        var waiting = Saga.Sagas.Contains(approved.CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((waiting.CurrentState, waiting.P21DocumentNumber), Is.EqualTo((Machine.RefundingInStripe.Name, "JE-re_RMA-77")));
            Assert.That(Published<CompleteZnodeReturn>(), Is.Empty);
        });

        var answer = RefundingStripe.Refunded(Published<RefundZnodeReturn>().Single());
        await Harness.Bus.Publish(answer);
        await Harness.Bus.Publish(answer);

        var saga = await WaitForState(approved.CorrelationId, Machine.Final);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That(Published<CompleteZnodeReturn>().Single().P21DocumentNumber, Is.EqualTo("JE-re_RMA-77"));
            Assert.That((saga.RefundId, saga.RefundStatus), Is.EqualTo(("re_RMA-77", "succeeded")));
            Assert.That(Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), Is.Empty, "the repeated answer is acknowledged at information level");
        });
    }
}
