using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

public class When_a_step_of_the_znode_order_fails : ZnodeOrderSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<CheckingStripe>();
        bus.AddConsumer<AcceptingZnode>();
        bus.AddConsumer<RefusingP21Journal>();
    }

    [Test]
    public async Task Should_stop_in_a_visible_failed_state_with_P21s_words()
    {
        var order = await PlaceAndAwaitPayment();

        await Harness.Bus.Publish(PaymentSucceeded(order));

        var saga = await WaitForState(order.CorrelationId, Machine.Failed);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True);
        var failed = Harness.Published.Select<FlowFailed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(PostZnodeOrderJournal)));
            Assert.That(saga.FailureReason, Does.EndWith("Records do not balance"));
            Assert.That((failed.Step, failed.Subject), Is.EqualTo((nameof(PostZnodeOrderJournal), "znode-order:ZN-1001")));
            Assert.That(saga.ZnodePaymentStatus, Is.EqualTo("CAPTURED"), "Znode shows the payment even though the journal failed");
        });
    }

    [Test]
    public async Task Should_resume_when_the_redriven_journal_is_posted_and_not_record_the_payment_again()
    {
        var order = await PlaceAndAwaitPayment();
        await Harness.Bus.Publish(PaymentSucceeded(order));
        await WaitForState(order.CorrelationId, Machine.Failed);

        // charge.succeeded arriving while the flow waits in Failed, then what a redrive produces once the accounts are fixed.
        await Harness.Bus.Publish(PaymentSucceeded(order, eventId: "evt_charge_succeeded"));
        await Harness.Bus.Publish(new ZnodeOrderJournalPosted { CorrelationId = order.CorrelationId, OrderNumber = order.OrderNumber, JournalReference = "880777", AlreadyExisted = false });

        var saga = await WaitForState(order.CorrelationId, Machine.Final);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((saga.P21JournalReference, saga.FailedStep, saga.FailureReason), Is.EqualTo(("880777", (string?)null, (string?)null)));
            Assert.That(Harness.Published.Select<RecordZnodeOrderPayment>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<FlowCompleted>().Count(), Is.EqualTo(1));
        });
    }
}
