using System.Net;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>The Stripe fake's control API and its faults, as a sandbox user drives them (no API key on <c>/_sim</c>).</summary>
[TestFixture]
public class When_driving_the_Stripe_fake
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    ControlClient _control = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { ApiKey = "sk_test_only_this_one" });
        _client = StripeClients.For(_fake, "sk_test_only_this_one");
        _control = new ControlClient(_fake.BaseUrl);
    }

    [TearDown]
    public async Task Stop()
    {
        _control.Dispose();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task Should_list_objects_by_type_and_count_them()
    {
        var (seeded, customer) = await _control.PostAsync("/_sim/customers", new { email = "seed@example.com", name = "Seed", metadata = new Dictionary<string, string> { ["k"] = "v" } });
        var (_, counts) = await _control.GetAsync("/_sim/objects");
        var (_, customers) = await _control.GetAsync("/_sim/objects/customer");
        var (unknown, error) = await _control.GetAsync("/_sim/objects/quote");
        var viaApi = await _client.V1.Customers.GetAsync((string)customer!["id"]!);

        Assert.Multiple(() =>
        {
            Assert.That(seeded, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((int?)counts!["charge"], Is.EqualTo(1), "the fixture charge");
            Assert.That((int?)counts["customer"], Is.EqualTo(1));
            Assert.That((string?)customers!.AsArray().Single()!["email"], Is.EqualTo("seed@example.com"));
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((string?)error!["error"], Does.Contain("payment_intent"));
            Assert.That(viaApi.Metadata["k"], Is.EqualTo("v"));
        });
    }

    [Test]
    public async Task Should_configure_show_and_disable_the_webhook_endpoint()
    {
        var (set, configured) = await _control.PutAsync("/_sim/webhook", new { url = "http://127.0.0.1:5080/webhooks/stripe" });
        var (_, shown) = await _control.GetAsync("/_sim/webhook");
        var (bad, badBody) = await _control.PutAsync("/_sim/webhook", new { url = "not a url" });
        var (disabled, _) = await _control.DeleteAsync("/_sim/webhook");
        var (_, deliver) = await _control.PostAsync($"/_sim/events/evt_nope/deliver");

        Assert.Multiple(() =>
        {
            Assert.That(set, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)configured!["endpoint"]!["secret"], Does.StartWith("whsec_"), "a secret is made up when none is given");
            Assert.That((string?)shown!["endpoint"]!["url"], Is.EqualTo("http://127.0.0.1:5080/webhooks/stripe"));
            Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)badBody!["error"], Does.Contain("absolute http(s) URL"));
            Assert.That(disabled, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_fake.Webhooks.Endpoint, Is.Null);
            Assert.That((string?)deliver!["error"], Does.Contain("No event"));
        });
    }

    [Test]
    public async Task Should_fail_the_next_calls_of_a_stripe_route_with_stripes_error_envelope_storing_a_503_nowhere()
    {
        await _control.PostAsync("/_sim/faults", new { route = "/v1/refunds", method = "POST", status = 503 });
        var paid = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1_000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true });
        var options = new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 100 };
        var request = new RequestOptions { IdempotencyKey = "refund-once" };

        var failed = Assert.ThrowsAsync<StripeException>(() => _client.V1.Refunds.CreateAsync(options, request))!;
        var retried = await _client.V1.Refunds.CreateAsync(options, request);

        Assert.Multiple(() =>
        {
            Assert.That(failed.HttpStatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(failed.StripeError.Type, Is.EqualTo("api_error"));
            // A 503 is answered before Stripe's idempotency layer (an assumption: StripeApiFakeOptions.StoredServerErrors); a 500 would be
            // stored and replayed (When_Stripe_fails_an_idempotent_request).
            Assert.That(retried.Amount, Is.EqualTo(100), "the 503 was not stored against the key");
            Assert.That(_fake.Requests.Where(r => r.Path == "/v1/refunds").Select(r => (r.StatusCode, r.Injected)), Is.EqualTo(new[] { (503, true), (200, false) }));
        });
    }

    [Test]
    public async Task Should_refuse_calls_while_down_but_keep_the_control_api_open()
    {
        _fake.Faults.GoDown(TimeSpan.FromMinutes(5));

        var down = Assert.ThrowsAsync<StripeException>(() => _client.V1.Balance.GetAsync())!;
        var (status, _) = await _control.GetAsync("/_sim/objects");
        _fake.Faults.ComeBackUp();
        var balance = await _client.V1.Balance.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(down.HttpStatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(balance.Available, Is.Not.Empty);
        });
    }

    [Test]
    public void Should_check_the_key_before_any_fault()
    {
        _fake.Faults.FailNext("*", Fault.Respond(500));

        var refused = Assert.ThrowsAsync<StripeException>(() => StripeClients.For(_fake, "sk_test_other").V1.Balance.GetAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(refused.HttpStatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(_fake.Faults.Pending("*"), Is.EqualTo(1), "the fault still waits for an authenticated call");
        });
    }

    [Test]
    public async Task Should_accept_the_key_as_basic_auth_as_curl_sends_it()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_fake.ApiBase) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("sk_test_only_this_one:")));

        using var response = await http.GetAsync($"/v1/charges/{StripeApiFake.FixtureChargeId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("amount=abc&currency=usd&payment_method=pm_card_visa", "amount", "Invalid integer: abc")]
    [TestCase("amount=100&payment_method=pm_card_visa", "currency", "Missing required param: currency.")]
    [TestCase("amount=100&currency=usd&colour=red", "colour", "Received unknown parameter: colour")]
    [TestCase("amount=100&currency=usd&capture_method=manual", "capture_method", "does not model manual capture")]
    public async Task Should_refuse_bad_parameters_naming_the_parameter(string form, string param, string message)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_fake.ApiBase) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk_test_only_this_one");

        using var response = await http.PostAsync("/v1/payment_intents", new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var error = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)error["param"], Is.EqualTo(param));
            Assert.That((string?)error["message"], Does.Contain(message));
        });
    }
}
