using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

public class When_a_znode_order_is_placed : ZnodeOrderSpec
{
    [Test]
    public async Task Should_ask_Stripe_for_the_payment_intent_with_the_order_as_Znode_sent_it()
    {
        var order = OrderPlaced();
        await Harness.Bus.Publish(order);

        Assert.That(await Harness.Published.Any<CreateZnodeOrderPaymentIntent>(x => x.Context.Message.CorrelationId == order.CorrelationId), Is.True);
        var command = Harness.Published.Select<CreateZnodeOrderPaymentIntent>().Single().Context.Message;
        var started = Harness.Published.Select<FlowStarted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((command.OrderNumber, command.OmsOrderId, command.Total, command.CurrencyCode), Is.EqualTo(("ZN-1001", 5001L, 129.99m, "USD")));
            Assert.That(command.Shopper.Email, Is.EqualTo("pat@shop.example"));
            Assert.That(command.BillingAddress?.CityName, Is.EqualTo("Seattle"));
            Assert.That((started.Flow, started.Subject), Is.EqualTo((FlowNames.ZnodeOrderToCash, "znode-order:ZN-1001")));
        });
    }

    [Test]
    public async Task Should_offer_the_payment_to_the_shopper_once_the_intent_exists_and_wait_for_it()
    {
        var order = await PlaceAndAwaitPayment();

        var offer = Harness.Published.Select<OfferZnodeOrderPayment>().Single().Context.Message;
        Assert.That(await Harness.Consumed.Any<ZnodeOrderPaymentOffered>(), Is.True);
        await Settled();
        var saga = Saga.Sagas.Contains(order.CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((offer.PaymentIntentId, offer.ClientSecret, offer.AmountMinor, offer.Currency), Is.EqualTo(("pi_ZN-1001", "pi_ZN-1001_secret_x", 12_999L, "USD")));
            Assert.That((offer.OmsOrderId, offer.ShopperEmail), Is.EqualTo((5001L, "pat@shop.example")));
            Assert.That((saga.PaymentIntentId, saga.StripeCustomerId, saga.AmountMinor), Is.EqualTo(("pi_ZN-1001", "cus_spec_1", (long?)12_999)));
            Assert.That(saga.PaymentOfferedAt, Is.EqualTo(Clock.GetUtcNow().UtcDateTime));
            Assert.That(saga.PaymentOverdueTokenId, Is.Not.Null, "the reminder is scheduled");
            Assert.That(saga.CurrentState, Is.EqualTo(Machine.AwaitingPayment.Name));
        });
    }

    [Test]
    public async Task Should_ask_for_one_payment_intent_when_Znode_delivers_the_order_again()
    {
        var order = await PlaceAndAwaitPayment();

        // The poller after a restart and Znode 10's webhook may both deliver the order.
        await Harness.Bus.Publish(order);
        await Harness.Bus.Publish(OrderPlaced(source: "webhook"));
        Assert.That(await Harness.Consumed.Any<ZnodeOrderPlaced>(x => x.Context.Message.Source == "webhook"), Is.True);
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<CreateZnodeOrderPaymentIntent>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<OfferZnodeOrderPayment>().Count(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<Fault<ZnodeOrderPlaced>>().Any(), Is.False, "acknowledged, not faulted");
        });
    }
}
