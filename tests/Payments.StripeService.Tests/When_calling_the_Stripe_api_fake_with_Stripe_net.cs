using System.Net;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Stripe;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Tests;

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
        _client = ClientWithKey("sk_test_123");
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    StripeClient ClientWithKey(string key) => new(new StripeClientOptions
    {
        ApiKey = key,
        ApiBase = _fake.ApiBase,
        HttpClient = new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0),
    });

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
            Assert.That(StripeFailures.Classify(refused, "update"), Is.TypeOf<PermanentFailureException>());
        });
    }

    [Test]
    public void Should_refuse_a_key_that_is_not_a_test_secret_key()
    {
        var refused = Assert.ThrowsAsync<StripeException>(() => ClientWithKey("sk_live_123").V1.Charges.GetAsync(StripeApiFake.FixtureChargeId))!;

        Assert.That(refused.HttpStatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(StripeFailures.Classify(refused, "get"), Is.TypeOf<PermanentFailureException>());
    }

    [TestCase(429)]
    [TestCase(500)]
    [TestCase(503)]
    public void Should_classify_injected_rate_limits_and_server_errors_as_transient(int status)
    {
        _fake.FailNext(1, status);

        var failed = Assert.ThrowsAsync<StripeException>(() => _client.V1.Charges.GetAsync(StripeApiFake.FixtureChargeId))!;

        Assert.That((int)failed.HttpStatusCode, Is.EqualTo(status));
        Assert.That(StripeFailures.Classify(failed, "get"), Is.TypeOf<TransientFailureException>());
    }

    [Test]
    public async Task Should_classify_an_unreachable_Stripe_as_transient()
    {
        var apiBase = _fake.ApiBase;
        await _fake.DisposeAsync();
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_123",
            ApiBase = apiBase,
            HttpClient = new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0),
        });
        _fake = await StripeApiFake.StartAsync(); // for TearDown

        var failed = Assert.CatchAsync(() => client.V1.Charges.GetAsync(StripeApiFake.FixtureChargeId))!;

        Assert.That(StripeFailures.Classify(failed, "get"), Is.TypeOf<TransientFailureException>(), failed.ToString());
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
}
