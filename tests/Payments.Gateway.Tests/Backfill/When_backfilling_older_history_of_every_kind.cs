using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Gateway.Backfill;
using Payments.Gateway.Ingest;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Backfill;

/// <summary>
/// History older than the 30 days Stripe's events API keeps comes from the object lists: a charge, its partial refund, its dispute and the
/// payout that paid it, all made 37–40 days ago (the Stripe fake's clock set back) while no webhook reached the gateway, are each turned into
/// the event its flow takes and fed once; a second backfill feeds nothing.
/// </summary>
[TestFixture]
public class When_backfilling_older_history_of_every_kind
{
    FakeTimeProvider _stripeTime = null!;
    StripeApiFake _stripe = null!;
    GatewayHost _gateway = null!;

    [SetUp]
    public async Task Start()
    {
        _stripeTime = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-40));
        _stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false }, _stripeTime);
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = "sk_test_backfill",
            ["Stripe:ApiBase"] = _stripe.ApiBase,
            ["Gateway:Sweep:Enabled"] = "false",
        }, services: services => services.AddSingleton<StripeBackfill>());
    }

    [TearDown]
    public async Task Stop()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_stripe is not null) await _stripe.DisposeAsync();
    }

    [Test]
    public async Task Should_turn_each_old_object_into_its_flows_event_and_feed_it_once()
    {
        var charge = _stripe.CreateCharge(new ChargeSpec { Amount = 9000, BillingEmail = "ap@acme.example", Created = _stripeTime.GetUtcNow() });
        _stripeTime.Advance(TimeSpan.FromDays(2));
        _stripe.Account.SettleAll();
        var payout = (string)_stripe.Account.RunPayouts("usd").Single()["id"]!;
        _stripeTime.Advance(TimeSpan.FromDays(1));
        var refund = (string)_stripe.Account.CreateRefund(charge, paymentIntentId: null, amount: 1500)["id"]!;
        var dispute = (string)_stripe.Account.OpenDispute(charge)["id"]!;
        _stripeTime.SetUtcNow(DateTimeOffset.UtcNow);
        var backfill = _gateway.Services.GetRequiredService<StripeBackfill>();
        var since = new BackfillRequest(DateTimeOffset.UtcNow.AddDays(-45), [], DryRun: false);

        var first = await backfill.RunAsync(since, null, CancellationToken.None);
        var again = await backfill.RunAsync(since with { Kinds = ["charge", "refund", "dispute", "payout"] }, null, CancellationToken.None);

        var recorded = await _gateway.RecordedEventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(recorded.Select(r => r.EventId), Is.SupersetOf(new[]
            {
                $"evt_backfill_{charge}_charge.succeeded",
                $"evt_backfill_{refund}_refund.created",
                $"evt_backfill_{dispute}_charge.dispute.created",
                $"evt_backfill_{payout}_payout.paid",
            }));
            Assert.That(recorded.Select(r => r.Via), Is.All.EqualTo(IngestVia.Backfill));
            Assert.That(recorded.GroupBy(r => r.EventId).Where(g => g.Count() > 1), Is.Empty, "each fed once");
            Assert.That(first.Outcomes.GetValueOrDefault("published"), Is.EqualTo(recorded.Count));
            Assert.That(again.Outcomes.Keys, Is.All.EqualTo("duplicate"), "a second backfill over the same range feeds nothing");
        });
    }
}
