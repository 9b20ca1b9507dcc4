using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.ChargeToOrder;

public class When_P21_refuses_the_order : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RefusingP21>();
        bus.AddConsumer<RecordingStripe>();
    }

    [Test]
    public async Task Should_stop_in_a_visible_failed_state_with_P21s_reason()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.Failed);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True);
        var failed = Harness.Published.Select<FlowFailed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(PostP21Order)));
            Assert.That(saga.FailureReason, Does.Contain(RefusingP21.Message));
            Assert.That(failed.Reason, Does.Contain(RefusingP21.Message));
            Assert.That(failed.Flow, Is.EqualTo(FlowNames.ChargeToOrder));
            Assert.That(failed.Step, Is.EqualTo(nameof(PostP21Order)));
            Assert.That(failed.Subject, Is.EqualTo("stripe-payment:pi_spec_1"));
            Assert.That(saga.FailedAt, Is.EqualTo(Clock.GetUtcNow().UtcDateTime));
            Assert.That(Harness.Published.Select<RecordP21OrderOnCharge>().Any(), Is.False);
        });
    }

    [Test]
    public async Task Should_resume_when_the_redriven_order_is_posted()
    {
        var charge = ChargeSucceeded();
        await Harness.Bus.Publish(charge);
        await WaitForState(charge.CorrelationId, Machine.Failed);

        // What a redrive produces once the cause is fixed: the P21 service posts the order after all.
        await Harness.Bus.Publish(new P21OrderPosted
        {
            CorrelationId = charge.CorrelationId,
            ChargeId = charge.Payment.ChargeId,
            OrderNo = "1013999",
            CustomerId = 42,
            CustomerCreated = true,
            AlreadyExisted = false,
        });

        var saga = await WaitForState(charge.CorrelationId, Machine.Final);
        Assert.That(saga.P21OrderNo, Is.EqualTo("1013999"));
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailureReason, Is.Null);
            Assert.That(saga.FailedStep, Is.Null);
            Assert.That(saga.FailedAt, Is.Null);
            Assert.That(Harness.Published.Select<FlowCompleted>().Count(), Is.EqualTo(1));
        });
    }
}
