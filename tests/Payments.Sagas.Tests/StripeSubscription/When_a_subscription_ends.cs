using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Sagas.StripeSubscription;

namespace Payments.Sagas.Tests.StripeSubscription;

public class When_a_subscription_ends : SubscriptionSpec
{
    [Test]
    public async Task Should_record_the_cancellation_once_with_its_reason()
    {
        await PublishInTurn(Subscription("active", 0, "customer.subscription.created"));
        await PublishInTurn(Paid());
        await WaitForStep(InvoiceSteps.Posted);

        await PublishInTurn(Subscription("canceled", 60, "customer.subscription.deleted", reason: "cancellation_requested"));
        await PublishInTurn(Subscription("canceled", 60, "customer.subscription.deleted", reason: "cancellation_requested"));

        var saga = await WaitForState(Machine.Canceled);
        var canceled = Sent<SubscriptionCanceled>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((canceled.Status, canceled.CancellationReason, canceled.InvoicesPosted, canceled.CanceledAt), Is.EqualTo(("canceled", "cancellation_requested", 1, (DateTimeOffset?)T0.AddMinutes(60))));
            Assert.That((saga.CancellationReason, saga.CanceledAt), Is.EqualTo(("cancellation_requested", (DateTime?)T0.AddMinutes(60).UtcDateTime)));
            Assert.That(Sent<FlowCompleted>().Select(c => c.Documents.Count), Is.EqualTo(new[] { 3, 1 }), "the invoice's, then the subscription's");
        });
    }

    [Test]
    public async Task Should_still_book_a_paid_invoice_that_comes_after_the_cancellation()
    {
        await PublishInTurn(Subscription("canceled", 60, "customer.subscription.deleted", reason: "payment_failed"));
        await PublishInTurn(Paid(minutes: 30));
        await WaitForStep(InvoiceSteps.Posted);

        Assert.Multiple(() =>
        {
            Assert.That((Current.CurrentState, Current.InvoicesPosted, Entry().Step), Is.EqualTo((Machine.Canceled.Name, 1, InvoiceSteps.Posted)));
            Assert.That(Sent<SubscriptionCanceled>().Single().InvoicesPosted, Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Should_book_nothing_for_a_voided_invoice()
    {
        await PublishInTurn(Invoice("invoice.finalized", "open", 5), Invoice("invoice.voided", "void", 6));
        // A void invoice is never set back to open.
        await PublishInTurn(Invoice("invoice.finalized", "open", 5));

        Assert.Multiple(() =>
        {
            Assert.That((Entry().Step, Entry().Status), Is.EqualTo((InvoiceSteps.Voided, "void")));
            Assert.That(Sent<DescribeSubscriptionInvoice>(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_treat_an_expired_incomplete_subscription_as_ended()
    {
        await PublishInTurn(Subscription("incomplete", 0, "customer.subscription.created"), Subscription("incomplete_expired", 60 * 24));

        await WaitForState(Machine.Canceled);
        Assert.That(Sent<SubscriptionCanceled>().Single().Status, Is.EqualTo("incomplete_expired"));
    }
}
