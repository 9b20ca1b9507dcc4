using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Znode;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

public class When_the_payment_is_declined : ZnodeOrderSpec
{
    [Test]
    public async Task Should_record_the_decline_in_Znode_and_keep_waiting_for_payment()
    {
        var order = await PlaceAndAwaitPayment();

        await Harness.Bus.Publish(PaymentFailed(order));

        Assert.That(await Harness.Consumed.Any<ZnodeOrderDeclineRecorded>(), Is.True);
        await Settled();
        var decline = Harness.Published.Select<RecordZnodeOrderDecline>().Single().Context.Message;
        var saga = Saga.Sagas.Contains(order.CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((decline.OmsOrderId, decline.PaymentIntentId, decline.DeclineCode, decline.ShopperEmail),
                Is.EqualTo((5001L, "pi_ZN-1001", "insufficient_funds", "pat@shop.example")));
            Assert.That(decline.FailureMessage, Is.EqualTo("Your card has insufficient funds."));
            Assert.That(saga.CurrentState, Is.EqualTo(Machine.AwaitingPayment.Name));
            Assert.That((saga.DeclineCount, saga.LastDeclineCode, saga.ZnodePaymentStatus), Is.EqualTo((1, "insufficient_funds", ZnodePaymentStatuses.Declined)));
            Assert.That(saga.PaymentOverdueTokenId, Is.Not.Null, "the reminder still stands");
            Assert.That(Harness.Published.Select<FlowFailed>().Any(), Is.False, "a decline is not a failure of the flow");
        });
    }

    [Test]
    public async Task Should_record_one_attempt_once_when_Stripe_reports_it_by_the_intent_and_by_the_charge()
    {
        var order = await PlaceAndAwaitPayment();

        await Harness.Bus.Publish(PaymentFailed(order, eventId: "evt_pi_failed"));
        Assert.That(await Harness.Consumed.Any<ZnodeOrderDeclineRecorded>(), Is.True);
        await Harness.Bus.Publish(PaymentFailed(order, eventId: "evt_charge_failed"));
        Assert.That(await Harness.Consumed.Any<ZnodeOrderPaymentFailed>(x => x.Context.Message.StripeEventId == "evt_charge_failed"), Is.True);
        await Settled();

        Assert.That(Harness.Published.Select<RecordZnodeOrderDecline>().Count(), Is.EqualTo(1));
        Assert.That(Saga.Sagas.Contains(order.CorrelationId).DeclineCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_complete_normally_when_a_later_attempt_on_the_same_intent_succeeds()
    {
        var order = await PlaceAndAwaitPayment();
        await Harness.Bus.Publish(PaymentFailed(order, chargeId: "ch_attempt_1"));
        Assert.That(await Harness.Consumed.Any<ZnodeOrderDeclineRecorded>(), Is.True);
        await Harness.Bus.Publish(PaymentFailed(order, eventId: "evt_declined_2", chargeId: "ch_attempt_2", declineCode: "card_declined"));
        Assert.That(await Harness.Consumed.Any<ZnodeOrderPaymentFailed>(x => x.Context.Message.ChargeId == "ch_attempt_2"), Is.True);

        await Harness.Bus.Publish(PaymentSucceeded(order, chargeId: "ch_attempt_3"));

        var saga = await WaitForState(order.CorrelationId, Machine.Final);
        // A late event of a declined attempt changes nothing once the order is paid.
        await Harness.Bus.Publish(PaymentFailed(order, eventId: "evt_late", chargeId: "ch_attempt_1"));
        Assert.That(await Harness.Consumed.Any<ZnodeOrderPaymentFailed>(x => x.Context.Message.StripeEventId == "evt_late"), Is.True);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<RecordZnodeOrderDecline>().Count(), Is.EqualTo(2));
            Assert.That((saga.DeclineCount, saga.LastDeclineCode), Is.EqualTo((2, "card_declined")));
            Assert.That((saga.ChargeId, saga.ZnodePaymentStatus), Is.EqualTo(("ch_attempt_3", ZnodePaymentStatuses.Captured)));
            Assert.That(Harness.Published.Select<RecordZnodeOrderPayment>().Single().Context.Message.ChargeId, Is.EqualTo("ch_attempt_3"));
            Assert.That(Harness.Published.Select<FlowCompleted>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<Fault<ZnodeOrderPaymentFailed>>().Any(), Is.False);
        });
    }
}
