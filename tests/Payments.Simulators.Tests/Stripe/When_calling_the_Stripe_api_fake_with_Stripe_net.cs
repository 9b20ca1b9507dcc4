using System.Net;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>The fake must be good enough for Stripe.net itself: these go through the real SDK over loopback HTTP.</summary>
[TestFixture]
public class When_calling_the_Stripe_api_fake_with_Stripe_net
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync();
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    [Test]
    public async Task Should_serve_the_fixture_charge()
    {
        var charge = await _client.V1.Charges.GetAsync(StripeApiFake.FixtureChargeId);

        Assert.Multiple(() =>
        {
            Assert.That(charge.Id, Is.EqualTo(StripeApiFake.FixtureChargeId));
            Assert.That(charge.Amount, Is.EqualTo(100));
            Assert.That(charge.BillingDetails.Name, Is.EqualTo("Jenny Rosen"));
        });
    }

    [Test]
    public async Task Should_serve_a_charge_created_from_CSharp()
    {
        var spec = new ChargeSpec { Amount = 5000, Currency = "jpy", CustomerId = "cus_123", BillingEmail = "buyer@example.com" };
        _fake.CreateCharge(spec);

        var charge = await _client.V1.Charges.GetAsync(spec.Id);

        Assert.Multiple(() =>
        {
            Assert.That(charge.Amount, Is.EqualTo(5000));
            Assert.That(charge.Currency, Is.EqualTo("jpy"));
            Assert.That(charge.CustomerId, Is.EqualTo("cus_123"));
            Assert.That(charge.BillingDetails.Email, Is.EqualTo("buyer@example.com"));
            Assert.That(charge.PaymentIntentId, Is.EqualTo(spec.PaymentIntentId));
            Assert.That(charge.BalanceTransactionId, Does.StartWith("txn_"), "a succeeded charge has its balance transaction");
        });
    }

    [Test]
    public async Task Should_unset_a_metadata_key_sent_empty_and_keep_the_others()
    {
        var spec = new ChargeSpec { Metadata = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        _fake.CreateCharge(spec);

        var charge = await _client.V1.Charges.UpdateAsync(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["a"] = "", ["c"] = "3" } });

        Assert.That(charge.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }));
    }

    [Test]
    public void Should_refuse_an_idempotency_key_reused_with_other_parameters()
    {
        var spec = new ChargeSpec();
        _fake.CreateCharge(spec);
        var request = new RequestOptions { IdempotencyKey = "key-1" };
        _client.V1.Charges.Update(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["x"] = "1" } }, request);

        var refused = Assert.Throws<StripeException>(() =>
            _client.V1.Charges.Update(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["x"] = "2" } }, request))!;

        Assert.Multiple(() =>
        {
            Assert.That(refused.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.StripeError.Type, Is.EqualTo("idempotency_error"));
            Assert.That(_fake.GetChargeMetadata(spec.Id)["x"], Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task Should_replay_the_stored_answer_for_the_same_key_and_parameters()
    {
        var spec = new ChargeSpec();
        _fake.CreateCharge(spec);
        var request = new RequestOptions { IdempotencyKey = "key-2" };

        var first = await _client.V1.Charges.UpdateAsync(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["n"] = "1" } }, request);
        _fake.Account.UpdateCharge(spec.Id, new Simulators.Stripe.Account.MetadataUpdate(false, [KeyValuePair.Create("n", "changed meanwhile")]));
        var again = await _client.V1.Charges.UpdateAsync(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["n"] = "1" } }, request);

        Assert.Multiple(() =>
        {
            Assert.That(again.Metadata["n"], Is.EqualTo(first.Metadata["n"]), "the stored answer, not a second execution");
            Assert.That(_fake.GetChargeMetadata(spec.Id)["n"], Is.EqualTo("changed meanwhile"));
            Assert.That(_fake.Requests.Select(r => r.Replayed), Is.EqualTo(new[] { false, true }));
        });
    }

    [Test]
    public void Should_refuse_a_key_that_is_not_a_test_secret_key()
    {
        var client = StripeClients.For(_fake, "sk_live_123");

        var refused = Assert.ThrowsAsync<StripeException>(() => client.V1.Charges.GetAsync(StripeApiFake.FixtureChargeId))!;

        Assert.Multiple(() =>
        {
            Assert.That(refused.HttpStatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refused.StripeError.Code, Is.EqualTo("api_key_invalid"));
        });
    }

    [Test]
    public async Task Should_log_requests_with_their_idempotency_keys()
    {
        await _client.V1.Charges.UpdateAsync(StripeApiFake.FixtureChargeId, new ChargeUpdateOptions { Metadata = new() { ["k"] = "v" } },
            new RequestOptions { IdempotencyKey = "logged-key" });

        var logged = _fake.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(logged.Method, Is.EqualTo("POST"));
            Assert.That(logged.IdempotencyKey, Is.EqualTo("logged-key"));
            Assert.That(logged.Form, Does.Contain(KeyValuePair.Create("metadata[k]", "v")));
        });
    }

    [Test]
    public void Should_answer_an_unknown_url_with_Stripes_404_envelope()
    {
        var missing = Assert.ThrowsAsync<StripeException>(() => _client.V1.Quotes.GetAsync("qt_123"))!;

        Assert.Multiple(() =>
        {
            Assert.That(missing.HttpStatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.StripeError.Type, Is.EqualTo("invalid_request_error"));
            Assert.That(missing.StripeError.Message, Does.StartWith("Unrecognized request URL (GET: /v1/quotes/qt_123)"));
        });
    }
}
