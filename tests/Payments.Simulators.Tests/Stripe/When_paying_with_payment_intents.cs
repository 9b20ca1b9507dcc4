using System.Net;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

[TestFixture]
public class When_paying_with_payment_intents
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false });
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    IEnumerable<string> EventTypes() => _fake.Account.Events.Select(e => e.Type).Reverse();

    [Test]
    public async Task Should_succeed_with_a_test_card_and_charge_it_once()
    {
        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "ada@example.com", Name = "Ada" });
        var created = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 12_345, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", ReceiptEmail = "ada@example.com",
            Metadata = new() { ["znode_order_id"] = "Z-1" },
        });
        var confirmed = await _client.V1.PaymentIntents.ConfirmAsync(created.Id);
        var charge = await _client.V1.Charges.GetAsync(confirmed.LatestChargeId);
        var retrieved = await _client.V1.PaymentIntents.GetAsync(created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Does.StartWith("pi_"));
            Assert.That(created.Status, Is.EqualTo("requires_confirmation"));
            Assert.That(created.PaymentMethodId, Does.StartWith("pm_").And.Not.EqualTo("pm_card_visa"));
            Assert.That(created.ClientSecret, Does.StartWith(created.Id + "_secret_"));
            Assert.That(confirmed.Status, Is.EqualTo("succeeded"));
            Assert.That(confirmed.AmountReceived, Is.EqualTo(12_345));
            Assert.That(confirmed.Metadata["znode_order_id"], Is.EqualTo("Z-1"));
            Assert.That(charge.Status, Is.EqualTo("succeeded"));
            Assert.That(charge.Paid, Is.True);
            Assert.That(charge.PaymentIntentId, Is.EqualTo(created.Id));
            Assert.That(charge.CustomerId, Is.EqualTo(customer.Id));
            Assert.That(charge.ReceiptEmail, Is.EqualTo("ada@example.com"));
            Assert.That(charge.PaymentMethodDetails.Card.Last4, Is.EqualTo("4242"));
            Assert.That(charge.Outcome.NetworkStatus, Is.EqualTo("approved_by_network"));
            Assert.That(retrieved.LatestChargeId, Is.EqualTo(charge.Id));
            Assert.That(EventTypes(), Is.EqualTo(new[] { "customer.created", "payment_intent.created", "charge.succeeded", "payment_intent.succeeded" }));
        });
    }

    [TestCase("pm_card_chargeDeclined", "card_declined", "generic_decline")]
    [TestCase("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [TestCase("pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card")]
    [TestCase("pm_card_chargeDeclinedProcessingError", "processing_error", null)]
    public void Should_fail_with_the_cards_decline_code(string paymentMethod, string code, string? declineCode)
    {
        var declined = Assert.ThrowsAsync<StripeException>(() => _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 5000, Currency = "eur", PaymentMethod = paymentMethod, Confirm = true,
        }))!;
        var intent = declined.StripeError.PaymentIntent;
        var charge = _fake.GetCharge(declined.StripeError.Charge)!;

        Assert.Multiple(() =>
        {
            Assert.That(declined.HttpStatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
            Assert.That(declined.StripeError.Type, Is.EqualTo("card_error"));
            Assert.That(declined.StripeError.Code, Is.EqualTo(code));
            Assert.That(declined.StripeError.DeclineCode, Is.EqualTo(declineCode));
            Assert.That(intent.Status, Is.EqualTo("requires_payment_method"));
            Assert.That(intent.LastPaymentError.DeclineCode, Is.EqualTo(declineCode));
            Assert.That(intent.LastPaymentError.PaymentMethod.Card.Last4, Is.Not.Empty);
            Assert.That((string?)charge["status"], Is.EqualTo("failed"));
            Assert.That((string?)charge["failure_code"], Is.EqualTo(code));
            Assert.That(charge["balance_transaction"], Is.Null, "a failed charge moves no money");
            Assert.That(EventTypes(), Is.EqualTo(new[] { "payment_intent.created", "charge.failed", "payment_intent.payment_failed" }));
        });
    }

    [Test]
    public async Task Should_succeed_on_a_second_confirmation_with_another_card()
    {
        var declined = Assert.ThrowsAsync<StripeException>(() => _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 900, Currency = "usd", PaymentMethod = "pm_card_chargeDeclinedInsufficientFunds", Confirm = true,
        }))!;

        var retried = await _client.V1.PaymentIntents.ConfirmAsync(declined.StripeError.PaymentIntent.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_mastercard" });
        var charges = await _client.V1.Charges.ListAsync(new ChargeListOptions { PaymentIntent = retried.Id });

        Assert.Multiple(() =>
        {
            Assert.That(retried.Status, Is.EqualTo("succeeded"));
            Assert.That(retried.LastPaymentError, Is.Null);
            Assert.That(charges.Data.Select(c => c.Status), Is.EqualTo(new[] { "succeeded", "failed" }));
        });
    }

    [Test]
    public async Task Should_refuse_to_confirm_a_succeeded_intent_or_an_unknown_payment_method()
    {
        var paid = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true });

        var again = Assert.ThrowsAsync<StripeException>(() => _client.V1.PaymentIntents.ConfirmAsync(paid.Id))!;
        var unknown = Assert.ThrowsAsync<StripeException>(() => _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 100, Currency = "usd", PaymentMethod = "pm_card_nonsense",
        }))!;

        Assert.Multiple(() =>
        {
            Assert.That(again.StripeError.Code, Is.EqualTo("payment_intent_unexpected_state"));
            Assert.That(unknown.HttpStatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.StripeError.Message, Is.EqualTo("No such PaymentMethod: 'pm_card_nonsense'"));
            Assert.That(unknown.StripeError.Param, Is.EqualTo("payment_method"));
        });
    }

    [Test]
    public async Task Should_charge_a_token_through_the_charges_api()
    {
        var charge = await _client.V1.Charges.CreateAsync(new ChargeCreateOptions { Amount = 2500, Currency = "gbp", Source = "tok_amex", Description = "Legacy" });
        var declined = Assert.ThrowsAsync<StripeException>(() =>
            _client.V1.Charges.CreateAsync(new ChargeCreateOptions { Amount = 2500, Currency = "gbp", Source = "tok_chargeDeclinedLostCard" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(charge.Status, Is.EqualTo("succeeded"));
            Assert.That(charge.PaymentIntentId, Is.Null);
            Assert.That(charge.PaymentMethodDetails.Card.Brand, Is.EqualTo("amex"));
            Assert.That(declined.StripeError.DeclineCode, Is.EqualTo("lost_card"));
            Assert.That(declined.StripeError.Charge, Does.StartWith("ch_"));
        });
    }

    [Test]
    public void Should_replay_a_declined_confirmation_for_the_same_idempotency_key_without_charging_again()
    {
        var options = new PaymentIntentCreateOptions { Amount = 700, Currency = "usd", PaymentMethod = "pm_card_chargeDeclined", Confirm = true };
        var request = new RequestOptions { IdempotencyKey = "checkout-42" };

        var first = Assert.ThrowsAsync<StripeException>(() => _client.V1.PaymentIntents.CreateAsync(options, request))!;
        var second = Assert.ThrowsAsync<StripeException>(() => _client.V1.PaymentIntents.CreateAsync(options, request))!;

        Assert.Multiple(() =>
        {
            Assert.That(second.StripeError.PaymentIntent.Id, Is.EqualTo(first.StripeError.PaymentIntent.Id));
            Assert.That(_fake.Account.List("charge"), Has.Count.EqualTo(1));
            Assert.That(_fake.Requests.Select(r => r.Replayed), Is.EqualTo(new[] { false, true }));
        });
    }
}
