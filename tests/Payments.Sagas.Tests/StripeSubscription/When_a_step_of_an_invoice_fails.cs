using Microsoft.Extensions.Logging;
using Payments.Contracts.StripeSubscription;
using Payments.Sagas.StripeSubscription;

namespace Payments.Sagas.Tests.StripeSubscription;

public class When_a_step_of_an_invoice_fails : SubscriptionSpec
{
    const string Unmapped = "Invoice in_1: no P21 item for price price_pro (product prod_pro 'Pro plan'); map it in P21:Subscriptions:Items";

    [Test]
    public async Task Should_quarantine_the_invoice_and_leave_the_subscription_as_it_is()
    {
        World.Refuse(nameof(PostSubscriptionInvoice), Unmapped);
        await PublishInTurn(Subscription("active", 0, "customer.subscription.created"));

        await PublishInTurn(Paid());

        await WaitForStep(InvoiceSteps.Quarantined);
        Assert.That(await Harness.Published.Any<SubscriptionInvoiceQuarantined>(), Is.True);
        var alert = Sent<SubscriptionInvoiceQuarantined>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((Entry().Step, Current.CurrentState, Current.InvoicesPosted), Is.EqualTo((InvoiceSteps.Quarantined, Machine.Active.Name, 0)));
            Assert.That(Entry().Reason, Does.StartWith(nameof(PostSubscriptionInvoice)).And.EndWith(Unmapped));
            Assert.That((alert.InvoiceId, alert.Step, alert.SubscriptionId), Is.EqualTo(("in_1", nameof(PostSubscriptionInvoice), SubscriptionId)));
            Assert.That(alert.Reason, Does.EndWith(Unmapped));
            Assert.That(MachineLogs(LogLevel.Warning), Has.Count.EqualTo(1));
        });

        // A repeated paid event sends nothing while the command waits to be redriven.
        await PublishInTurn(Paid(minutes: 12));
        Assert.That((Sent<DescribeSubscriptionInvoice>().Count, Sent<PostSubscriptionInvoice>().Count), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Should_resume_the_entry_when_the_redriven_post_answers()
    {
        World.Refuse(nameof(PostSubscriptionInvoice), Unmapped);
        await PublishInTurn(Paid());
        await WaitForStep(InvoiceSteps.Quarantined);
        var command = Sent<PostSubscriptionInvoice>().Single();

        // What the redriven command produces once the item is mapped.
        await PublishInTurn(PostingSubscriptionInvoices.Posted(CorrelationId, command.Invoice));
        await WaitForStep(InvoiceSteps.Posted);

        Assert.Multiple(() =>
        {
            Assert.That((Entry().Step, Entry().Reason, Entry().DocumentNumber), Is.EqualTo((InvoiceSteps.Posted, (string?)null, SubscriptionWorld.DocumentOf("in_1"))));
            Assert.That(Current.InvoicesPosted, Is.EqualTo(1));
            Assert.That(Sent<Payments.Contracts.Shared.FlowCompleted>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_book_the_invoice_when_its_redriven_read_answers()
    {
        World.Refuse(nameof(DescribeSubscriptionInvoice), "Stripe answered 401: the restricted key may not read invoices");
        await PublishInTurn(Paid());
        await WaitForStep(InvoiceSteps.Quarantined);
        Assert.That(await Harness.Published.Any<SubscriptionInvoiceQuarantined>(), Is.True);
        Assert.That((Entry().Step, Sent<SubscriptionInvoiceQuarantined>().Single().Step), Is.EqualTo((InvoiceSteps.Quarantined, nameof(DescribeSubscriptionInvoice))));

        await PublishInTurn(DescribingSubscriptionInvoices.Described(CorrelationId, SubscriptionId, "in_1"));
        await WaitForStep(InvoiceSteps.Posted);

        Assert.Multiple(() =>
        {
            Assert.That((Entry().Step, Current.InvoicesPosted), Is.EqualTo((InvoiceSteps.Posted, 1)));
            Assert.That(Sent<PostSubscriptionInvoice>(), Has.Count.EqualTo(1));
        });
    }
}
