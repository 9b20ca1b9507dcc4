using System.Text.Json.Nodes;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;

namespace Payments.Cli.Tests.StripeWebhooks;

/// <summary>
/// <c>payments stripe webhook setup|check</c> against the Stripe fake's <c>/v1/webhook_endpoints</c>, through Stripe.net: the endpoint is
/// created with exactly the gateway's events and API version, set right again when it drifted, and its drift reported with the exit code.
/// </summary>
[TestFixture]
public class When_an_operator_sets_up_the_Stripe_webhook
{
    const string ApiKey = "sk_test_webhook_setup";
    const string Url = "https://payments.example.com/webhooks/stripe";

    StripeApiFake _stripe = null!;
    Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task Start()
    {
        _stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { ApiKey = ApiKey, SeedFixtureCharge = false });
        _settings = new Dictionary<string, string?> { ["Stripe:ApiKey"] = ApiKey, ["Stripe:ApiBase"] = _stripe.ApiBase };
    }

    [TearDown]
    public async Task Stop() => await _stripe.DisposeAsync();

    IReadOnlyList<JsonObject> Endpoints() => _stripe.Account.List("webhook_endpoint").Where(e => e["deleted"] is null).ToList();

    static string[] EventsOf(JsonObject endpoint) => [.. endpoint["enabled_events"]!.AsArray().Select(e => (string)e!)];

    [Test]
    public async Task Should_create_the_endpoint_with_exactly_the_gateways_events_and_api_version()
    {
        var (exitCode, output, error) = await CliRun.Run(_settings, "stripe", "webhook", "setup", "--url", Url);

        Assert.That(exitCode, Is.EqualTo(0), error);
        var endpoint = Endpoints().Single();
        Assert.Multiple(() =>
        {
            Assert.That((string?)endpoint["url"], Is.EqualTo(Url));
            Assert.That(EventsOf(endpoint), Is.EquivalentTo(StripeWebhookEvents.Types));
            Assert.That((string?)endpoint["api_version"], Is.EqualTo(StripeWebhookEvents.ApiVersion));
            Assert.That(output, Does.Contain($"Created {endpoint["id"]}").And.Match(@"signing secret \(Stripe shows it only now\): whsec_\w+"));
            Assert.That(output, Does.Contain("Gateway__WebhookSecrets__0"));
        });

        var check = await CliRun.Run(_settings, "stripe", "webhook", "check", "--url", Url);
        Assert.That(check.ExitCode, Is.EqualTo(0), check.Output + check.Error);
        Assert.That(check.Output, Does.Contain("as the gateway needs"));
    }

    [Test]
    public async Task Should_write_the_signing_secret_to_a_file_only_its_owner_reads_when_asked()
    {
        var file = Path.Combine(Path.GetTempPath(), $"payments-cli-{Guid.NewGuid():N}", "stripe_webhook_secret");
        try
        {
            var (exitCode, output, error) = await CliRun.Run(_settings, "stripe", "webhook", "setup", "--url", Url, "--secret-file", file);

            Assert.That(exitCode, Is.EqualTo(0), error);
            var secret = await File.ReadAllTextAsync(file);
            Assert.That(secret, Does.StartWith("whsec_"));
            Assert.That(output, Does.Not.Contain(secret), "the secret went to the file, not to the terminal");
            if (!OperatingSystem.IsWindows())
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Test]
    public async Task Should_report_drift_and_set_the_endpoint_right_again()
    {
        var created = _stripe.Account.CreateWebhookEndpoint(new WebhookEndpointFields
        {
            Url = Url, ApiVersion = StripeWebhookEvents.ApiVersion,
            EnabledEvents = [.. StripeWebhookEvents.Types.Where(t => t != "charge.refunded"), "product.created"],
        });
        var id = (string)created["id"]!;
        _stripe.Account.UpdateWebhookEndpoint(id, new WebhookEndpointFields { Disabled = true });

        var check = await CliRun.Run(_settings, "stripe", "webhook", "check", "--url", Url);

        Assert.That(check.ExitCode, Is.EqualTo(1));
        Assert.That(check.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[]
        {
            $"{id}: disabled: Stripe sends it nothing (Stripe disables an endpoint after days of failed deliveries); `payments stripe webhook setup` enables it",
            $"{id}: missing event charge.refunded",
            $"{id}: extra event product.created (no flow consumes it)",
        }));

        var setup = await CliRun.Run(_settings, "stripe", "webhook", "setup", "--url", Url);

        Assert.That(setup.ExitCode, Is.EqualTo(0), setup.Error);
        Assert.That(setup.Output, Does.Contain("added charge.refunded").And.Contain("removed product.created").And.Contain("enabled (it was disabled)"));
        Assert.That(setup.Output, Does.Not.Contain("whsec_"), "an existing endpoint's secret is not shown again");
        var endpoint = Endpoints().Single();
        Assert.That((string?)endpoint["id"], Is.EqualTo(id), "the endpoint was updated, not replaced");
        Assert.That(EventsOf(endpoint), Is.EquivalentTo(StripeWebhookEvents.Types));
        Assert.That((string?)endpoint["status"], Is.EqualTo("enabled"));
        Assert.That((await CliRun.Run(_settings, "stripe", "webhook", "check", "--url", Url)).ExitCode, Is.EqualTo(0));
    }

    [Test]
    public async Task Should_create_a_new_endpoint_when_the_old_one_is_on_another_api_version()
    {
        var old = _stripe.Account.CreateWebhookEndpoint(new WebhookEndpointFields
        {
            Url = Url, ApiVersion = "2024-06-20", EnabledEvents = [.. StripeWebhookEvents.Types],
        });
        var oldId = (string)old["id"]!;

        var check = await CliRun.Run(_settings, "stripe", "webhook", "check", "--url", Url);
        Assert.That(check.ExitCode, Is.EqualTo(1));
        Assert.That(check.Output, Does.Contain($"{oldId}: API version 2024-06-20, the gateway reads {StripeWebhookEvents.ApiVersion}"));

        var setup = await CliRun.Run(_settings, "stripe", "webhook", "setup", "--url", Url);

        Assert.That(setup.ExitCode, Is.EqualTo(0), setup.Error);
        var endpoints = Endpoints();
        Assert.That(endpoints, Has.Count.EqualTo(2), "Stripe cannot change an endpoint's API version: a new one, the old one left to the operator");
        var fresh = endpoints.Single(e => (string?)e["id"] != oldId);
        Assert.That((string?)fresh["api_version"], Is.EqualTo(StripeWebhookEvents.ApiVersion));
        Assert.That(setup.Output, Does.Contain("Gateway__WebhookSecrets__1").And.Contain($"Also at this URL: {oldId} on API version 2024-06-20"));

        var after = await CliRun.Run(_settings, "stripe", "webhook", "check", "--url", Url);
        Assert.That(after.ExitCode, Is.EqualTo(1), "two endpoints at one URL are a roll left half done");
        Assert.That(after.Output, Does.Contain($"{fresh["id"]}: as the gateway needs").And.Contain("2 endpoints at"));
    }

    [Test]
    public async Task Should_say_there_is_no_endpoint_and_fail()
    {
        var (exitCode, output, _) = await CliRun.Run(_settings, "stripe", "webhook", "check", "--url", Url);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"No webhook endpoint at {Url}"));
    }

    [Test]
    public async Task Should_refuse_without_a_key_and_a_bad_url_as_usage()
    {
        var noKey = await CliRun.Run(new Dictionary<string, string?> { ["Stripe:ApiBase"] = _stripe.ApiBase }, "stripe", "webhook", "check", "--url", Url);
        Assert.That(noKey.ExitCode, Is.EqualTo(1));
        Assert.That(noKey.Error, Does.Contain("no Stripe key"));

        var badUrl = await CliRun.Run(_settings, "stripe", "webhook", "setup", "--url", "payments.example.com");
        Assert.That(badUrl.ExitCode, Is.EqualTo(2));
        Assert.That(badUrl.Error, Does.Contain("not an absolute http(s) address"));
    }
}
