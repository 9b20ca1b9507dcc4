using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.ChargeToOrder;

public class When_a_charge_succeeds : OrderPaymentSpec
{
    [Test]
    public async Task Should_ask_P21_to_post_the_order_and_wait_for_it()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.PostingOrder);
        Assert.That(await Harness.Published.Any<PostP21Order>(x => x.Context.Message.CorrelationId == charge.CorrelationId), Is.True);
        var command = Harness.Published.Select<PostP21Order>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(command.Payment.ChargeId, Is.EqualTo("ch_spec_1"));
            Assert.That(command.Payment.AmountMinor, Is.EqualTo(12_345));
            Assert.That(saga.ChargeId, Is.EqualTo("ch_spec_1"));
            Assert.That(saga.StripeEventId, Is.EqualTo("evt_spec_1"));
            Assert.That(saga.Subject, Is.EqualTo("stripe-payment:pi_spec_1"));
            Assert.That(saga.CreatedAt, Is.EqualTo(Clock.GetUtcNow().UtcDateTime));
        });
    }

    [Test]
    public async Task Should_announce_the_flow_with_its_subject()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);

        Assert.That(await Harness.Published.Any<FlowStarted>(x => x.Context.Message.CorrelationId == charge.CorrelationId), Is.True);
        var started = Harness.Published.Select<FlowStarted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(started.Flow, Is.EqualTo(FlowNames.ChargeToOrder));
            Assert.That(started.Subject, Is.EqualTo("stripe-payment:pi_spec_1"));
            Assert.That(started.StartedAt, Is.EqualTo(Clock.GetUtcNow()));
        });
    }

    [Test]
    public async Task Should_post_only_once_when_Stripe_sends_the_charge_again()
    {
        var first = ChargeSucceeded(eventId: "evt_first");
        await Harness.Bus.Publish(first);
        await WaitForState(first.CorrelationId, Machine.PostingOrder);

        // A redelivery, and a second event id Stripe sometimes generates for the same change.
        await Harness.Bus.Publish(first);
        await Harness.Bus.Publish(ChargeSucceeded(eventId: "evt_second"));
        Assert.That(await Harness.Consumed.Any<StripeChargeSucceeded>(x => x.Context.Message.StripeEventId == "evt_second"), Is.True);
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<PostP21Order>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<FlowStarted>().Count(), Is.EqualTo(1));
            // Acknowledged, not faulted: a redelivery is an expected path.
            Assert.That(Harness.Published.Select<Fault<StripeChargeSucceeded>>().Any(), Is.False);
        });
    }

    [Test]
    public async Task Should_correlate_on_the_charge_when_there_is_no_payment_intent()
    {
        var charge = ChargeSucceeded(chargeId: "ch_no_intent", paymentIntentId: null);
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.PostingOrder);
        Assert.That(saga.PaymentIntentId, Is.Null);
        Assert.That(charge.CorrelationId, Is.Not.EqualTo(ChargeSucceeded().CorrelationId));
    }
}
