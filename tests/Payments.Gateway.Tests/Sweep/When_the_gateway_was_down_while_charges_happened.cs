using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Operations;
using Payments.Gateway.Ingest;
using Payments.Gateway.Sweep;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Webhooks;

namespace Payments.Gateway.Tests.Sweep;

/// <summary>
/// The Stripe fake's webhook endpoint is the gateway, which is down (the fake's deliveries fail) while three charges are paid; then
/// it is up for a fourth. The missed-event sweep, on PostgreSQL, lists Stripe's events and feeds the three it lacks.
/// </summary>
[TestFixture]
public class When_the_gateway_was_down_while_charges_happened
{
    StripeApiFake _stripe = null!;
    GatewayHost _gateway = null!;
    List<string> _missedCharges = null!;
    string _deliveredCharge = null!;

    [SetUp]
    public async Task Start()
    {
        var server = TestPostgres.ServerOrIgnore();
        _stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false });
        _gateway = await GatewayHost.StartOnPostgresAsync(server, new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = "sk_test_sweep",
            ["Stripe:ApiBase"] = _stripe.ApiBase,
            // The rounds are run by the test (two sweepers of its own), not by the hosted one.
            ["Gateway:Sweep:Enabled"] = "false",
        });
        _stripe.Webhooks.Configure(new Uri(_gateway.Client.BaseAddress!, "/webhooks/stripe").ToString(), GatewayHost.Secret);

        _stripe.Webhooks.GoDown();
        _missedCharges = [.. Enumerable.Range(1, 3).Select(n => _stripe.CreateCharge(new ChargeSpec { Amount = 1000 * n, BillingEmail = "ap@acme.example" }, emitEvent: true))];
        await _stripe.Webhooks.WaitForDeliveriesAsync();
        _stripe.Webhooks.ComeBack();
        _deliveredCharge = _stripe.CreateCharge(new ChargeSpec { Amount = 4000, BillingEmail = "ap@acme.example" }, emitEvent: true);
        await _stripe.Webhooks.WaitForDeliveriesAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_stripe is not null) await _stripe.DisposeAsync();
    }

    MissedEventSweep NewSweeper() => ActivatorUtilities.CreateInstance<MissedEventSweep>(_gateway.Services,
        Options.Create(new SweepOptions { Enabled = true, PageSize = 2 }));

    /// <summary>The <see cref="MissedEventsFound"/> the gateway committed to its outbox (what will be published), read back from the envelope.</summary>
    async Task<List<MissedEventsFound>> MissedEventsFoundAsync() =>
        [.. (await _gateway.OutboxMessagesAsync())
            .Where(m => m.MessageType.Contains("Payments.Operations:MissedEventsFound", StringComparison.Ordinal))
            .Select(m => JsonNode.Parse(m.Body)!["message"].Deserialize<MissedEventsFound>(Json)!)];

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Test]
    public async Task Should_feed_the_missed_charges_once_each()
    {
        Assert.That(_stripe.Account.Events.Count(e => e.State == StripeEventDeliveryState.Failed), Is.EqualTo(3), "the fake's endpoint was down for three events");

        var round = await NewSweeper().RunRoundAsync(CancellationToken.None);

        var published = await _gateway.PublishedAsync<StripeChargeSucceeded>();
        var found = await MissedEventsFoundAsync();
        var recorded = await _gateway.RecordedEventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(round.Ran, Is.True);
            Assert.That(round.Fed, Is.EqualTo(3));
            Assert.That(published.Select(p => p.Payment.ChargeId), Is.EquivalentTo(_missedCharges.Append(_deliveredCharge)), "each charge published once");
            Assert.That(recorded.Where(r => r.Via == IngestVia.Sweep).Select(r => r.Type), Is.EqualTo(Enumerable.Repeat("charge.succeeded", 3)));
            Assert.That(recorded.Count(r => r.Via == IngestVia.Webhook), Is.EqualTo(1));
            Assert.That(found, Has.Count.EqualTo(1));
            Assert.That(found.Single().Count, Is.EqualTo(3));
            Assert.That(found.Single().Source, Is.EqualTo("sweep"));
            Assert.That(found.Single().EventIds, Is.EquivalentTo(recorded.Where(r => r.Via == IngestVia.Sweep).Select(r => r.EventId)));
        });
    }

    [Test]
    public async Task Should_feed_nothing_more_when_run_again()
    {
        var sweeper = NewSweeper();
        await sweeper.RunRoundAsync(CancellationToken.None);

        var again = await sweeper.RunRoundAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(again.Ran, Is.True);
            Assert.That(again.Listed, Is.GreaterThanOrEqualTo(4), "it listed the events again");
            Assert.That(again.Fed, Is.Zero);
            Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(4));
            Assert.That(await MissedEventsFoundAsync(), Has.Count.EqualTo(1));
            Assert.That(await _gateway.RecordedEventsAsync(), Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task Should_let_one_of_two_sweepers_run()
    {
        var (first, second) = (NewSweeper(), NewSweeper());

        var rounds = await Task.WhenAll(first.RunRoundAsync(CancellationToken.None), second.RunRoundAsync(CancellationToken.None));
        var later = await Task.WhenAll(first.RunRoundAsync(CancellationToken.None), second.RunRoundAsync(CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(rounds.Count(r => r.Ran), Is.EqualTo(1), "one sweeper holds the lease");
            Assert.That(later.Select(r => r.Ran), Is.EqualTo(rounds.Select(r => r.Ran)), "and keeps it");
            Assert.That(rounds.Sum(r => r.Fed), Is.EqualTo(3));
            Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(4));
        });
    }
}
