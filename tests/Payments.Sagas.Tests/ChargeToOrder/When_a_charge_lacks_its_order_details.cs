using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.ChargeToOrder;

/// <summary>
/// A charge without lines (a Stripe Checkout shop keeps them on the session) or without the customer's e-mail: the saga asks the Stripe
/// service to collect them and posts the completed details; sagas never call Stripe themselves.
/// </summary>
public class When_a_charge_lacks_its_order_details : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<CollectingStripe>();
        bus.AddConsumer<AcceptingP21>();
        bus.AddConsumer<RecordingStripe>();
    }

    [Test]
    public async Task Should_collect_the_lines_before_posting_and_post_them()
    {
        var charge = ChargeSucceeded(lines: []);
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.Final);
        var collect = Harness.Published.Select<CollectChargeOrderDetails>().Single().Context.Message;
        var post = Harness.Published.Select<PostP21Order>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(collect.CorrelationId, Is.EqualTo(charge.CorrelationId));
            Assert.That((collect.Payment.ChargeId, collect.Payment.PaymentIntentId, collect.Payment.CustomerEmail), Is.EqualTo((charge.Payment.ChargeId, charge.Payment.PaymentIntentId, charge.Payment.CustomerEmail)));
            Assert.That(collect.Payment.Lines, Is.Empty);
            Assert.That(post.Payment.Lines, Is.EqualTo(CollectingStripe.SessionLines), "the collected lines, never an invented one");
            Assert.That(post.Payment.ChargeId, Is.EqualTo(charge.Payment.ChargeId));
            Assert.That(post.Payment.AmountMinor, Is.EqualTo(charge.Payment.AmountMinor));
            Assert.That(saga.P21OrderNo, Is.EqualTo(AcceptingP21.OrderNo));
        });
    }

    [Test]
    public async Task Should_collect_the_customer_when_the_charge_names_only_a_stripe_customer()
    {
        var charge = ChargeSucceeded(email: null, stripeCustomerId: "cus_spec_1");
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.Final);
        var post = Harness.Published.Select<PostP21Order>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<CollectChargeOrderDetails>().Count(), Is.EqualTo(1));
            Assert.That(post.Payment.CustomerEmail, Is.EqualTo(CollectingStripe.Email));
            Assert.That(post.Payment.Lines, Is.EqualTo(ShopLines), "the charge's own lines stay");
            Assert.That(saga.CustomerEmail, Is.EqualTo(CollectingStripe.Email));
        });
    }

    [Test]
    public async Task Should_wait_for_the_details_before_anything_is_posted()
    {
        var charge = ChargeSucceeded(lines: [], eventId: "evt_waits");
        await Harness.Bus.Publish(charge);

        await WaitForState(charge.CorrelationId, Machine.Final);
        var sent = Harness.Published.Select(m => m.MessageObject is CollectChargeOrderDetails or PostP21Order).Select(m => m.MessageObject.GetType()).ToList();
        Assert.That(sent, Is.EqualTo(new[] { typeof(CollectChargeOrderDetails), typeof(PostP21Order) }));
    }
}

/// <summary>A charge that carries its lines and its customer (or a chosen P21 customer) is posted at once: the fast path stays as it was.</summary>
public class When_a_charge_carries_its_order_details : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AcceptingP21>();
        bus.AddConsumer<RecordingStripe>();
    }

    [TestCase("ap@acme.example", false)]
    [TestCase(null, true)]
    public async Task Should_post_at_once_without_collecting(string? email, bool p21CustomerChosen)
    {
        var metadata = p21CustomerChosen ? new Dictionary<string, string> { [StripeMetadataKeys.P21CustomerId] = "100198" } : null;
        var charge = ChargeSucceeded(email: email, metadata: metadata);
        await Harness.Bus.Publish(charge);

        await WaitForState(charge.CorrelationId, Machine.Final);
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<CollectChargeOrderDetails>().Any(), Is.False);
            var posted = Harness.Published.Select<PostP21Order>().Single().Context.Message.Payment;
            Assert.That((posted.ChargeId, posted.CustomerEmail), Is.EqualTo((charge.Payment.ChargeId, charge.Payment.CustomerEmail)));
            Assert.That(posted.Lines, Is.EqualTo(charge.Payment.Lines));
        });
    }
}

/// <summary>No lines anywhere: the payment is quarantined with the reason (the Stripe service's permanent failure), never posted.</summary>
public class When_a_payment_has_no_order_lines : OrderPaymentSpec
{
    protected override void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<QuarantiningStripe>();
        bus.AddConsumer<AcceptingP21>();
        bus.AddConsumer<RecordingStripe>();
    }

    [Test]
    public async Task Should_stop_in_the_failed_state_with_the_reason_and_post_nothing()
    {
        var charge = ChargeSucceeded(lines: []);
        await Harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, Machine.Failed);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True);
        var failed = Harness.Published.Select<FlowFailed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(CollectChargeOrderDetails)));
            Assert.That(saga.FailureReason, Does.Contain(QuarantiningStripe.Reason));
            Assert.That(failed.Step, Is.EqualTo(nameof(CollectChargeOrderDetails)));
            Assert.That(Harness.Published.Select<PostP21Order>().Any(), Is.False, "never posted with an invented line");
        });
    }

    [Test]
    public async Task Should_post_once_the_redriven_collection_finds_the_lines()
    {
        var charge = ChargeSucceeded(lines: []);
        await Harness.Bus.Publish(charge);
        await WaitForState(charge.CorrelationId, Machine.Failed);

        // What a redrive produces once the shop's lines exist (or a default item is configured).
        await Harness.Bus.Publish(new ChargeOrderDetailsCollected
        {
            CorrelationId = charge.CorrelationId,
            Payment = charge.Payment with { Lines = ShopLines },
            LinesFrom = "default-item",
            CustomerFrom = "charge",
        });

        var saga = await WaitForState(charge.CorrelationId, Machine.Final);
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.Null);
            Assert.That(Harness.Published.Select<PostP21Order>().Single().Context.Message.Payment.Lines, Is.EqualTo(ShopLines));
        });
    }
}
