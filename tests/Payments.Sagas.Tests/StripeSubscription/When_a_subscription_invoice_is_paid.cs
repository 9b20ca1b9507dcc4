using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Sagas.StripeSubscription;

namespace Payments.Sagas.Tests.StripeSubscription;

public class When_a_subscription_invoice_is_paid : SubscriptionSpec
{
    [Test]
    public async Task Should_read_it_whole_book_it_in_P21_once_and_complete()
    {
        await PublishInTurn(Subscription("active", 0, "customer.subscription.created"));
        await PublishInTurn(Invoice("invoice.finalized", "open", 5));
        Assert.That(Entry().Step, Is.EqualTo(InvoiceSteps.Open));

        await PublishInTurn(Paid());

        await WaitForStep(InvoiceSteps.Posted);
        var saga = await WaitForState(Machine.Active);
        var entry = Entry();
        var completed = Sent<FlowCompleted>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((entry.Step, entry.Status, entry.DocumentKind, entry.DocumentNumber), Is.EqualTo((InvoiceSteps.Posted, "paid", "SalesOrder", SubscriptionWorld.DocumentOf("in_1"))));
            Assert.That(saga.InvoicesPosted, Is.EqualTo(1));
            Assert.That(Sent<DescribeSubscriptionInvoice>().Single().InvoiceId, Is.EqualTo("in_1"));
            Assert.That(Sent<PostSubscriptionInvoice>().Single().Invoice.Lines.Count(l => l.Proration), Is.EqualTo(2));
            Assert.That(completed.Flow, Is.EqualTo(FlowNames.StripeSubscription));
            Assert.That(completed.Documents, Is.EqualTo(new Dictionary<string, string>
            {
                [FlowDocumentKeys.StripeSubscription] = SubscriptionId,
                [FlowDocumentKeys.StripeInvoice] = "in_1",
                [FlowDocumentKeys.P21SubscriptionDocument] = SubscriptionWorld.DocumentOf("in_1"),
            }));
            Assert.That((saga.Status, saga.Currency, Items(saga).Single().PriceId), Is.EqualTo(("active", "USD", "price_pro")));
        });
    }

    [Test]
    public async Task Should_send_nothing_for_a_repeated_paid_event()
    {
        await PublishInTurn(Paid());
        await WaitForStep(InvoiceSteps.Posted);
        await PublishInTurn(Paid(minutes: 11), Invoice("invoice.finalized", "open", 4));

        Assert.Multiple(() =>
        {
            Assert.That((Sent<DescribeSubscriptionInvoice>().Count, Sent<PostSubscriptionInvoice>().Count, Sent<FlowCompleted>().Count), Is.EqualTo((1, 1, 1)));
            Assert.That((Current.InvoicesPosted, Entry().Step, Entry().Status), Is.EqualTo((1, InvoiceSteps.Posted, "paid")), "a paid invoice is never set back to open");
        });

        // The P21 service answering twice (a redelivered command) books nothing twice either.
        await PublishInTurn(PostingSubscriptionInvoices.Posted(CorrelationId, DescribingSubscriptionInvoices.Described(CorrelationId, SubscriptionId, "in_1").Invoice));
        Assert.That((Current.InvoicesPosted, Sent<FlowCompleted>().Count), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Should_book_each_invoice_of_the_subscription()
    {
        await PublishInTurn(Subscription("active", 0, "customer.subscription.created"));
        await PublishInTurn(Paid("in_1"), Paid("in_2", minutes: 60 * 24 * 30));
        await WaitForStep(InvoiceSteps.Posted, "in_1");
        await WaitForStep(InvoiceSteps.Posted, "in_2");

        Assert.Multiple(() =>
        {
            Assert.That(Current.InvoicesPosted, Is.EqualTo(2));
            Assert.That(SubscriptionInvoiceEntry.Read(Current.Invoices).Select(e => (e.InvoiceId, e.Step)),
                Is.EqualTo(new[] { ("in_1", InvoiceSteps.Posted), ("in_2", InvoiceSteps.Posted) }));
        });
    }
}
