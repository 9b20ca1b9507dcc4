using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Znode;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

public class When_the_znode_order_is_paid : ZnodeOrderSpec
{
    [Test]
    public async Task Should_record_the_payment_in_Znode_then_post_the_journal_and_complete()
    {
        var order = await PlaceAndAwaitPayment();

        await Harness.Bus.Publish(PaymentSucceeded(order));

        var saga = await WaitForState(order.CorrelationId, Machine.Final);
        var record = Harness.Published.Select<RecordZnodeOrderPayment>().Single().Context.Message;
        var journal = Harness.Published.Select<PostZnodeOrderJournal>().Single().Context.Message;
        var completed = Harness.Published.Select<FlowCompleted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((record.OmsOrderId, record.PaymentIntentId, record.ChargeId, record.AmountMinor), Is.EqualTo((5001L, "pi_ZN-1001", "ch_paid_1", 12_999L)));
            Assert.That((journal.AmountMinor, journal.Currency, journal.ChargeId), Is.EqualTo((12_999L, "USD", "ch_paid_1")));
            Assert.That(journal.PaidAt, Is.EqualTo(new DateTimeOffset(2026, 11, 29, 9, 5, 0, TimeSpan.Zero)));
            Assert.That((saga.ZnodePaymentStatus, saga.ZnodeOrderStateName, saga.P21JournalReference),
                Is.EqualTo((ZnodePaymentStatuses.Captured, "SUBMITTED", PostingP21Journal.TransactionNumber)));
            Assert.That(completed.Flow, Is.EqualTo(FlowNames.ZnodeOrderToCash));
            Assert.That(completed.Documents[FlowDocumentKeys.ZnodeOrder], Is.EqualTo("ZN-1001"));
            Assert.That(completed.Documents[FlowDocumentKeys.StripePaymentIntent], Is.EqualTo("pi_ZN-1001"));
            Assert.That(completed.Documents[FlowDocumentKeys.StripeCharge], Is.EqualTo("ch_paid_1"));
            Assert.That(completed.Documents[FlowDocumentKeys.P21Journal], Is.EqualTo(PostingP21Journal.TransactionNumber));
            Assert.That(saga.PaymentOverdueTokenId, Is.Null, "the reminder is cancelled");
        });
    }

    [Test]
    public async Task Should_record_the_payment_once_when_Stripe_reports_it_by_the_intent_and_by_the_charge()
    {
        var order = await PlaceAndAwaitPayment();

        // payment_intent.succeeded and charge.succeeded of one payment, and a redelivery.
        await Harness.Bus.Publish(PaymentSucceeded(order, eventId: "evt_pi_succeeded"));
        await WaitForState(order.CorrelationId, Machine.Final);
        await Harness.Bus.Publish(PaymentSucceeded(order, eventId: "evt_charge_succeeded"));
        await Harness.Bus.Publish(PaymentSucceeded(order, eventId: "evt_pi_succeeded"));
        Assert.That(await Harness.Consumed.Any<ZnodeOrderPaymentSucceeded>(x => x.Context.Message.StripeEventId == "evt_charge_succeeded"), Is.True);
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<RecordZnodeOrderPayment>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<PostZnodeOrderJournal>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<Fault<ZnodeOrderPaymentSucceeded>>().Any(), Is.False);
            Assert.That(Saga.Sagas.Contains(order.CorrelationId).PaidStripeEventId, Is.EqualTo("evt_pi_succeeded"));
        });
    }

    [Test]
    public async Task Should_fault_a_payment_for_an_order_the_flow_never_saw()
    {
        var stranger = PaymentSucceeded(OrderPlaced("ZN-UNKNOWN"));

        await Harness.Bus.Publish(stranger);

        Assert.That(await Harness.Published.Any<Fault<ZnodeOrderPaymentSucceeded>>(), Is.True, "to the _error queue for a person, redriven once the order exists");
        Assert.That(Saga.Sagas.Contains(stranger.CorrelationId), Is.Null);
    }
}
