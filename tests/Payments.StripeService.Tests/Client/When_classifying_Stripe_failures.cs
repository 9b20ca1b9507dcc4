using System.Net;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Stripe;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Tests.Client;

/// <summary>How the service sorts what Stripe.net throws, with the failures produced by the Stripe API fake over loopback HTTP.</summary>
[TestFixture]
public class When_classifying_Stripe_failures
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
    public void Should_classify_an_idempotency_key_reused_with_other_parameters_as_permanent()
    {
        var spec = new ChargeSpec();
        _fake.CreateCharge(spec);
        var request = new RequestOptions { IdempotencyKey = "key-1" };
        _client.V1.Charges.Update(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["x"] = "1" } }, request);

        var refused = Assert.Throws<StripeException>(() =>
            _client.V1.Charges.Update(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["x"] = "2" } }, request))!;

        Assert.That(StripeFailures.Classify(refused, "update"), Is.TypeOf<PermanentFailureException>());
    }

    [Test]
    public void Should_classify_a_refused_key_as_permanent()
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
    public void Should_classify_any_answer_Stripe_says_to_retry_as_transient()
    {
        _fake.Faults.FailNext("*", new Fault { Status = 400, Headers = new Dictionary<string, string> { ["Stripe-Should-Retry"] = "true" } });

        var failed = Assert.ThrowsAsync<StripeException>(() => _client.V1.Charges.GetAsync(StripeApiFake.FixtureChargeId))!;

        Assert.That(StripeFailures.Classify(failed, "get"), Is.TypeOf<TransientFailureException>(), "Stripe-Should-Retry: true is Stripe's own verdict");
    }

    [Test]
    public void Should_say_that_a_500_stored_against_the_key_needs_a_new_key()
    {
        var spec = new ChargeSpec();
        _fake.CreateCharge(spec);
        _fake.FailNext(1, 500);

        var failed = Assert.Throws<StripeException>(() =>
            _client.V1.Charges.Update(spec.Id, new ChargeUpdateOptions { Metadata = new() { ["x"] = "1" } }, new RequestOptions { IdempotencyKey = "stored-500" }))!;
        var classified = StripeFailures.Classify(failed, "update");

        Assert.Multiple(() =>
        {
            Assert.That(classified, Is.TypeOf<TransientFailureException>(), "a new attempt with a new key can succeed");
            Assert.That(classified.Message, Does.Contain("Stripe-Should-Retry: false"));
        });
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
}
