using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Gateway.Data;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Simulators.Stripe;
using Payments.Testing;

namespace Payments.Cli.Tests.Backfill;

/// <summary>
/// <c>payments backfill</c> against the Stripe fake, into a gateway database (SQLite, migrated as the gateway would) with no gateway
/// running: what it feeds waits in the gateway's outbox for the gateway's relay.
/// </summary>
[TestFixture]
public class When_running_payments_backfill
{
    StripeApiFake _stripe = null!;
    string _databasePath = null!;
    ServiceProvider _services = null!;
    Dictionary<string, string?> _settings = null!;
    string _since = null!;
    List<string> _charges = null!;

    [SetUp]
    public async Task Start()
    {
        _stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false, ApiKey = "sk_test_cli" });
        _databasePath = SqliteFiles.NewPath("payments-cli-backfill");
        _services = new ServiceCollection().AddPaymentsDbContext<GatewayDbContext>(DatabaseProvider.Sqlite, $"Data Source={_databasePath}").BuildServiceProvider();
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().Database.MigrateAsync();
        _settings = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = "sk_test_cli",
            ["Stripe:ApiBase"] = _stripe.ApiBase,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Gateway"] = $"Data Source={_databasePath}",
        };
        // No webhook endpoint: the events are only in Stripe's /v1/events, as when the gateway never got them.
        _charges = [.. Enumerable.Range(1, 2).Select(n => _stripe.CreateCharge(new ChargeSpec { Amount = 1500 * n, BillingEmail = "ap@acme.example" }, emitEvent: true))];
        _since = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [TearDown]
    public async Task Stop()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_stripe is not null) await _stripe.DisposeAsync();
        SqliteFiles.Delete(_databasePath);
    }

    async Task<(List<WebhookEvent> Events, List<OutboxMessage> Outbox, List<IngestCheckpoint> Checkpoints)> DatabaseAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        return (await db.WebhookEvents.AsNoTracking().ToListAsync(), await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(),
            await db.IngestCheckpoints.AsNoTracking().ToListAsync());
    }

    [Test]
    public async Task Should_print_what_a_dry_run_would_post_and_write_nothing()
    {
        var (exitCode, output, error) = await CliRun.Run(_settings, "backfill", "--since", _since, "--dry-run");

        var (events, outbox, checkpoints) = await DatabaseAsync();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Done), error);
            foreach (var charge in _charges)
                Assert.That(output, Does.Match($@"charge\.succeeded\s+{charge}\s+evt_\w+\s+would publish StripeChargeSucceeded \(charge-to-order\)"));
            Assert.That(output, Does.Contain("Dry run, nothing written: 2 events; 2 would_publish."));
            Assert.That(events, Is.Empty);
            Assert.That(outbox, Is.Empty);
            Assert.That(checkpoints, Is.Empty);
        });
    }

    [Test]
    public async Task Should_feed_the_gateway_outbox_once()
    {
        var first = await CliRun.Run(_settings, "backfill", "--since", _since, "--types", "charge,refund");
        var (events, outbox, checkpoints) = await DatabaseAsync();
        var second = await CliRun.Run(_settings, "backfill", "--since", _since, "--types", "charge,refund");
        var wider = await CliRun.Run(_settings, "backfill", "--since", _since);

        Assert.Multiple(async () =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Done), first.Error);
            Assert.That(first.Output, Does.Contain("Backfill done: 2 events; 2 published."));
            Assert.That(events.Select(e => e.Via), Is.EqualTo(new[] { "backfill", "backfill" }));
            Assert.That(outbox.Select(m => m.MessageType), Is.All.Contains("StripeChargeSucceeded"), "waiting for the gateway's relay");
            Assert.That(outbox, Has.Count.EqualTo(2));
            Assert.That(checkpoints.Single().Completed, Is.True);
            Assert.That(second.Output, Does.Contain("was completed before: nothing to do"));
            Assert.That(wider.Output, Does.Contain("Backfill done: 2 events; 2 duplicate."), "another backfill over the same history");
            Assert.That((await DatabaseAsync()).Outbox, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_refuse_a_kind_no_flow_takes()
    {
        var (exitCode, _, error) = await CliRun.Run(_settings, "backfill", "--since", _since, "--types", "charge,balance");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.StartWith("payments: No flow takes Stripe 'balance' events; --types takes "));
    }

    [Test]
    public async Task Should_say_so_when_Stripe_refuses_the_key()
    {
        _settings["Stripe:ApiKey"] = "sk_test_someone_else";

        var (exitCode, _, error) = await CliRun.Run(_settings, "backfill", "--since", _since);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.StartWith("payments: Stripe: Invalid API Key provided"));
        Assert.That(error, Does.Not.Contain("sk_test_someone_else"), "the key is never printed");
    }

    [Test]
    public async Task Should_refuse_without_a_Stripe_key()
    {
        _settings.Remove("Stripe:ApiKey");

        var (exitCode, _, error) = await CliRun.Run(_settings, "backfill", "--since", _since);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain("Stripe:ApiKey is not set"));
    }
}
