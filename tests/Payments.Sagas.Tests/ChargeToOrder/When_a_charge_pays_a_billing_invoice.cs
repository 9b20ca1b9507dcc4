using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.ChargeToOrder;

/// <summary>
/// A Stripe Billing charge carries no lines of ours, so it comes to the collect step, where the Stripe service finds the invoice its
/// PaymentIntent pays: the payment rests in PaysBillingInvoice, announced as completed with the charge and the invoice, and no P21 order is
/// ever posted for it (issue 14 item 8: the stripe-subscription flow books the invoice).
/// </summary>
public class When_a_charge_pays_a_billing_invoice : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BillingStripe>();
        bus.AddConsumer<AcceptingP21>();
        bus.AddConsumer<RecordingStripe>();
    }

    /// <summary>As Stripe sends a subscription's charge: no metadata lines; the customer's e-mail may be on it.</summary>
    static StripeChargeSucceeded BillingCharge(string eventId = "evt_billing_1") =>
        ChargeSucceeded(chargeId: "ch_billing_1", paymentIntentId: "pi_billing_1", eventId: eventId, lines: []);

    [Test]
    public async Task Should_rest_in_its_own_state_without_posting_an_order()
    {
        var charge = BillingCharge();
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.PaysBillingInvoice);
        Assert.That(await Harness.Published.Any<FlowCompleted>(), Is.True);
        var completed = Harness.Published.Select<FlowCompleted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<CollectChargeOrderDetails>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<PostP21Order>().Any(), Is.False, "never a sales order for a Billing charge");
            Assert.That(Harness.Published.Select<FlowFailed>().Any(), Is.False, "an expected path, not a failure");
            Assert.That((saga.P21OrderNo, saga.FailedStep), Is.EqualTo(((string?)null, (string?)null)));
            Assert.That((completed.Flow, completed.Subject), Is.EqualTo((FlowNames.ChargeToOrder, "stripe-payment:pi_billing_1")));
            Assert.That(completed.Documents, Is.EquivalentTo(new Dictionary<string, string>
            {
                [FlowDocumentKeys.StripeCharge] = "ch_billing_1",
                [FlowDocumentKeys.StripeInvoice] = BillingStripe.InvoiceId,
                [FlowDocumentKeys.StripeSubscription] = BillingStripe.SubscriptionId,
            }));
        });
    }

    [Test]
    public async Task Should_acknowledge_the_charge_again_and_still_post_nothing()
    {
        var charge = BillingCharge();
        await Harness.Bus.Publish(charge);
        await WaitForState(charge.CorrelationId, Machine.PaysBillingInvoice);

        await Harness.Bus.Publish(BillingCharge(eventId: "evt_billing_again"));

        Assert.That(await Harness.Consumed.Any<StripeChargeSucceeded>(m => m.Context.Message.StripeEventId == "evt_billing_again"), Is.True);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That(Saga.Sagas.Contains(charge.CorrelationId).CurrentState, Is.EqualTo(Machine.PaysBillingInvoice.Name));
            Assert.That(Harness.Published.Select<CollectChargeOrderDetails>().Count(), Is.EqualTo(1), "not collected again");
            Assert.That(Harness.Published.Select<PostP21Order>().Any(), Is.False);
            Assert.That(Harness.Published.Select<FlowCompleted>().Count(), Is.EqualTo(1));
        });
    }
}

/// <summary>
/// A Billing charge whose collection failed before the look-up existed ("no order lines", in Failed): its redriven command finds the
/// invoice, and the payment leaves Failed for PaysBillingInvoice with the failure cleared, still without an order.
/// </summary>
public class When_a_failed_billing_charge_is_redriven : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<QuarantiningStripe>();
        bus.AddConsumer<AcceptingP21>();
    }

    [Test]
    public async Task Should_leave_failed_for_the_billing_state_with_the_failure_cleared()
    {
        var charge = ChargeSucceeded(chargeId: "ch_billing_2", paymentIntentId: "pi_billing_2", lines: []);
        await Harness.Bus.Publish(charge);
        await WaitForState(charge.CorrelationId, Machine.Failed);

        // What the redriven CollectChargeOrderDetails answers now: a one-off invoice, no subscription.
        await Harness.Bus.Publish(new ChargePaysBillingInvoice
        {
            CorrelationId = charge.CorrelationId, ChargeId = "ch_billing_2", PaymentIntentId = "pi_billing_2", InvoiceId = "in_one_off_2",
        });

        var saga = await WaitForState(charge.CorrelationId, Machine.PaysBillingInvoice);
        Assert.That(await Harness.Published.Any<FlowCompleted>(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.FailureReason), Is.EqualTo(((string?)null, (string?)null)));
            Assert.That(Harness.Published.Select<PostP21Order>().Any(), Is.False);
            Assert.That(Harness.Published.Select<FlowCompleted>().Single().Context.Message.Documents, Is.EquivalentTo(new Dictionary<string, string>
            {
                [FlowDocumentKeys.StripeCharge] = "ch_billing_2",
                [FlowDocumentKeys.StripeInvoice] = "in_one_off_2",
            }), "no subscription document for a one-off invoice");
        });
    }
}
