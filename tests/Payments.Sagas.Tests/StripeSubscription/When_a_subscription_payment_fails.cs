using Microsoft.Extensions.Logging;
using Payments.Contracts.StripeSubscription;
using Payments.Sagas.StripeSubscription;

namespace Payments.Sagas.Tests.StripeSubscription;

public class When_a_subscription_payment_fails : SubscriptionSpec
{
    [Test]
    public async Task Should_alert_on_every_attempt_and_take_no_P21_action_by_default()
    {
        await PublishInTurn(Subscription("active", 0), Subscription("past_due", 12));
        await PublishInTurn(PaymentFailed(1), PaymentFailed(2));

        var saga = await WaitForState(Machine.PastDue);
        Assert.Multiple(() =>
        {
            Assert.That(Sent<SubscriptionPaymentFailed>().Select(a => (a.AttemptCount, a.Action)), Is.EqualTo(new[] { (1, "Alert"), (2, "Alert") }));
            Assert.That(Sent<SubscriptionPaymentFailed>()[0].FailureMessage, Is.EqualTo("Your card has insufficient funds."));
            Assert.That(Sent<RecordSubscriptionPaymentFailure>(), Is.Empty);
            Assert.That((Entry().Step, Entry().AttemptCount, Entry().FailureActions), Is.EqualTo((InvoiceSteps.PaymentFailed, 2, new List<int>())));
            Assert.That(Sent<DescribeSubscriptionInvoice>(), Is.Empty);
            Assert.That(saga.Status, Is.EqualTo("past_due"));
        });
    }

    [TestCase(StripeSubscriptionOptions.Note)]
    [TestCase(StripeSubscriptionOptions.CreditHold)]
    public async Task Should_take_the_configured_P21_action_once_per_attempt(string action)
    {
        Options.PaymentFailedAction = action;

        // Attempt 1 reported twice (a repeated event), then attempt 2.
        await PublishInTurn(PaymentFailed(1), PaymentFailed(1), PaymentFailed(2));

        Assert.Multiple(() =>
        {
            Assert.That(Sent<SubscriptionPaymentFailed>(), Has.Count.EqualTo(3), "the alert always");
            Assert.That(Sent<RecordSubscriptionPaymentFailure>().Select(r => (r.AttemptCount, r.Action, r.InvoiceId, r.StripeCustomerId)),
                Is.EqualTo(new[] { (1, action, "in_1", CustomerId), (2, action, "in_1", CustomerId) }));
            Assert.That(Entry().FailureActions, Is.EqualTo(new[] { 1, 2 }));
        });
    }

    [Test]
    public async Task Should_book_the_invoice_when_a_later_attempt_is_paid()
    {
        Options.PaymentFailedAction = StripeSubscriptionOptions.Note;
        await PublishInTurn(PaymentFailed(1));

        await PublishInTurn(Paid(minutes: 30));
        await WaitForStep(InvoiceSteps.Posted);
        // A late failure report of the paid invoice changes nothing.
        await PublishInTurn(PaymentFailed(2, minutes: 0));

        Assert.Multiple(() =>
        {
            Assert.That((Entry().Step, Current.InvoicesPosted), Is.EqualTo((InvoiceSteps.Posted, 1)));
            Assert.That((Sent<SubscriptionPaymentFailed>().Count, Sent<RecordSubscriptionPaymentFailure>().Count), Is.EqualTo((1, 1)));
        });
    }

    [Test]
    public async Task Should_warn_and_keep_the_reason_when_the_P21_action_fails()
    {
        Options.PaymentFailedAction = StripeSubscriptionOptions.CreditHold;
        World.Refuse(nameof(RecordSubscriptionPaymentFailure), "P21: credit status HOLD does not exist");

        await PublishInTurn(PaymentFailed(1));

        Assert.Multiple(() =>
        {
            Assert.That(Entry().Reason, Does.StartWith(nameof(RecordSubscriptionPaymentFailure)).And.Contain("credit status HOLD does not exist"));
            Assert.That(MachineLogs(LogLevel.Warning), Has.Count.EqualTo(1));
            Assert.That(Sent<SubscriptionPaymentFailed>(), Has.Count.EqualTo(1));
            Assert.That(Current.CurrentState, Is.EqualTo(Machine.Active.Name));
        });
    }
}
