using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.ChargeToOrder;

public class When_P21_keeps_a_different_order : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DiscrepantP21>();
        bus.AddConsumer<RecordingStripe>();
    }

    [Test]
    public async Task Should_stop_in_a_visible_needs_attention_state_with_the_order_and_the_differences()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.NeedsAttention);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True, "the alert every stopped flow raises");
        var alert = Harness.Published.Select<FlowFailed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(saga.P21OrderNo, Is.EqualTo(DiscrepantP21.OrderNo));
            Assert.That(saga.P21CustomerId, Is.EqualTo(AcceptingP21.CustomerId));
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(P21OrderDiscrepancyFound)));
            Assert.That(saga.FailureReason, Does.Contain(DiscrepantP21.Difference).And.Contain(DiscrepantP21.OrderNo));
            Assert.That(saga.FailedAt, Is.EqualTo(Clock.GetUtcNow().UtcDateTime));
            Assert.That(alert.Step, Is.EqualTo(nameof(P21OrderDiscrepancyFound)));
            Assert.That(alert.Reason, Does.Contain(DiscrepantP21.Difference));
            Assert.That(Harness.Published.Select<RecordP21OrderOnCharge>().Any(), Is.False, "nothing more is done with an order a person must look at");
            Assert.That(Harness.Published.Select<FlowCompleted>().Any(), Is.False);
        });
    }
}
