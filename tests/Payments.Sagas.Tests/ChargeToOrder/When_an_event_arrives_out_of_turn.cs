using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.ChargeToOrder;

public class When_an_event_arrives_out_of_turn : OrderPaymentSpec
{
    [Test]
    public async Task Should_ignore_it_on_purpose_and_keep_the_state()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);
        await WaitForState(charge.CorrelationId, Machine.PostingOrder);

        // The reference can't be recorded before the order exists: the saga must not jump ahead.
        await Harness.Bus.Publish(new StripeChargeOrderReferenceRecorded { CorrelationId = charge.CorrelationId, ChargeId = "ch_spec_1", OrderNo = "1" });
        Assert.That(await Harness.Consumed.Any<StripeChargeOrderReferenceRecorded>(), Is.True);
        await Settled();

        var saga = Saga.Sagas.Contains(charge.CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That(saga.CurrentState, Is.EqualTo(Machine.PostingOrder.Name));
            Assert.That(Harness.Published.Select<FlowCompleted>().Any(), Is.False);
            // Ignored, not faulted: nothing lands in an error queue for an expected race.
            Assert.That(Harness.Published.Select<Fault<StripeChargeOrderReferenceRecorded>>().Any(), Is.False);
        });
    }
}
