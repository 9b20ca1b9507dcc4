using Microsoft.Extensions.Logging;
using Payments.Contracts.StripeSubscription;
using Payments.Sagas.StripeSubscription;

namespace Payments.Sagas.Tests.StripeSubscription;

public class When_subscription_events_arrive_out_of_order : SubscriptionSpec
{
    [Test]
    public async Task Should_start_from_an_invoice_that_comes_before_its_subscription()
    {
        await PublishInTurn(Paid(minutes: 1));
        await WaitForStep(InvoiceSteps.Posted);

        var saga = await WaitForState(Machine.Active);
        Assert.Multiple(() =>
        {
            Assert.That((saga.SubscriptionId, saga.StripeCustomerId, saga.Status, saga.InvoicesPosted), Is.EqualTo((SubscriptionId, CustomerId, (string?)null, 1)));
            Assert.That(saga.Subject, Is.EqualTo($"stripe-subscription:{SubscriptionId}"));
        });

        await PublishInTurn(Subscription("active", 0, "customer.subscription.created"));
        Assert.That((Current.Status, Current.LastReportedAt, Current.InvoicesPosted), Is.EqualTo(("active", (DateTime?)T0.UtcDateTime, 1)));
    }

    [Test]
    public async Task Should_not_move_the_status_for_an_older_snapshot()
    {
        await PublishInTurn(Subscription("past_due", 20));

        await PublishInTurn(Subscription("active", 10));

        Assert.Multiple(() =>
        {
            Assert.That((Current.CurrentState, Current.Status, Current.LastStripeEventId), Is.EqualTo((Machine.PastDue.Name, "past_due", "evt_customer.subscription.updated_20")));
            Assert.That(MachineLogs(LogLevel.Warning), Is.Empty);
        });
    }

    [Test]
    public async Task Should_never_make_a_canceled_subscription_active_again()
    {
        await PublishInTurn(Subscription("canceled", 20, "customer.subscription.deleted"));

        await PublishInTurn(Subscription("active", 30));

        Assert.Multiple(() =>
        {
            Assert.That((Current.CurrentState, Current.Status), Is.EqualTo((Machine.Canceled.Name, "canceled")));
            Assert.That(Sent<SubscriptionCanceled>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_a_status_Stripe_does_not_have()
    {
        await Harness.Bus.Publish(Subscription("frozen", 0));

        Assert.That(await Harness.Published.Any<MassTransit.Fault<StripeSubscriptionReported>>(), Is.True);
        var fault = Harness.Published.Select<MassTransit.Fault<StripeSubscriptionReported>>().Single().Context.Message;
        Assert.That(Payments.Sagas.Flows.FaultReason.Describe(fault), Does.Contain("'frozen'").And.Contain("past_due"));
    }
}
