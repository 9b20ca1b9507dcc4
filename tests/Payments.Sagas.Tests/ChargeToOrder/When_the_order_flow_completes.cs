using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.ChargeToOrder;

public class When_the_order_flow_completes : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AcceptingP21>();
        bus.AddConsumer<RecordingStripe>();
    }

    [Test]
    public async Task Should_record_the_P21_order_on_the_charge_and_finish()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.Final);
        var record = Harness.Published.Select<RecordP21OrderOnCharge>().Single().Context.Message;
        var completed = Harness.Published.Select<FlowCompleted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(record.ChargeId, Is.EqualTo("ch_spec_1"));
            Assert.That(record.OrderNo, Is.EqualTo(AcceptingP21.OrderNo));
            Assert.That(record.CustomerId, Is.EqualTo(AcceptingP21.CustomerId));
            Assert.That(saga.P21OrderNo, Is.EqualTo(AcceptingP21.OrderNo));
            Assert.That(saga.P21CustomerId, Is.EqualTo(AcceptingP21.CustomerId));
            Assert.That(completed.Flow, Is.EqualTo(FlowNames.ChargeToOrder));
            Assert.That(completed.Subject, Is.EqualTo("stripe-payment:pi_spec_1"));
            Assert.That(completed.Documents[FlowDocumentKeys.P21SalesOrder], Is.EqualTo(AcceptingP21.OrderNo));
            Assert.That(completed.Documents[FlowDocumentKeys.StripeCharge], Is.EqualTo("ch_spec_1"));
            Assert.That(completed.CompletedAt, Is.EqualTo(Clock.GetUtcNow()));
        });
    }

    [Test]
    public async Task Should_not_post_again_when_the_charge_arrives_after_completion()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);
        await WaitForState(charge.CorrelationId, Machine.Final);

        await Harness.Bus.Publish(ChargeSucceeded(eventId: "evt_late_duplicate"));
        Assert.That(await Harness.Consumed.Any<StripeChargeSucceeded>(x => x.Context.Message.StripeEventId == "evt_late_duplicate"), Is.True);
        await Settled();

        Assert.That(Harness.Published.Select<PostP21Order>().Count(), Is.EqualTo(1));
        Assert.That(Saga.Sagas.Contains(charge.CorrelationId).CurrentState, Is.EqualTo(Machine.Final.Name));
    }
}
