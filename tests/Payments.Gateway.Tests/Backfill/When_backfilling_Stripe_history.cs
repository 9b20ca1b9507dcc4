using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.ChargeToOrder;
using Payments.Gateway.Backfill;
using Payments.Gateway.Data;
using Payments.Gateway.Ingest;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Backfill;

/// <summary>The backfill against the Stripe fake, into a gateway whose webhooks the fake also sends.</summary>
[TestFixture]
public class When_backfilling_Stripe_history
{
    StripeApiFake _stripe = null!;
    GatewayHost _gateway = null!;
    StripeBackfill _backfill = null!;

    [SetUp]
    public async Task Start()
    {
        _stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false });
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = "sk_test_backfill",
            ["Stripe:ApiBase"] = _stripe.ApiBase,
            ["Gateway:Sweep:Enabled"] = "false",
        }, services: services => services.AddSingleton<StripeBackfill>());
        _stripe.Webhooks.Configure(new Uri(_gateway.Client.BaseAddress!, "/webhooks/stripe").ToString(), GatewayHost.Secret);
        _backfill = _gateway.Services.GetRequiredService<StripeBackfill>();
    }

    [TearDown]
    public async Task Stop()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_stripe is not null) await _stripe.DisposeAsync();
    }

    static BackfillRequest Since(TimeSpan ago, bool dryRun = false, params string[] kinds) => new(DateTimeOffset.UtcNow - ago, kinds, dryRun);

    async Task<List<IngestCheckpoint>> CheckpointsAsync()
    {
        await using var scope = _gateway.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().IngestCheckpoints.AsNoTracking().ToListAsync();
    }

    async Task<string> PaidChargeAsync(long amount, bool delivered)
    {
        if (!delivered) _stripe.Webhooks.GoDown();
        var id = _stripe.CreateCharge(new ChargeSpec { Amount = amount, BillingEmail = "ap@acme.example" }, emitEvent: true);
        await _stripe.Webhooks.WaitForDeliveriesAsync();
        _stripe.Webhooks.ComeBack();
        return id;
    }

    [Test]
    public async Task Should_post_nothing_new_over_history_already_processed()
    {
        await PaidChargeAsync(1000, delivered: true);
        await PaidChargeAsync(2000, delivered: true);
        var before = await _gateway.PublishedAsync<StripeChargeSucceeded>();

        var summary = await _backfill.RunAsync(Since(TimeSpan.FromDays(2)), null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(before, Has.Count.EqualTo(2));
            Assert.That(summary.Outcomes, Is.EquivalentTo(new Dictionary<string, int> { ["duplicate"] = 2 }));
            Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(2));
            Assert.That((await _gateway.RecordedEventsAsync()).Select(e => e.Via), Is.All.EqualTo(IngestVia.Webhook));
        });
    }

    [Test]
    public async Task Should_feed_what_the_gateway_never_received_once()
    {
        await PaidChargeAsync(1000, delivered: true);
        var missed = await PaidChargeAsync(2000, delivered: false);

        var request = Since(TimeSpan.FromDays(2));
        var first = await _backfill.RunAsync(request, null, CancellationToken.None);
        var second = await _backfill.RunAsync(request, null, CancellationToken.None);

        var published = await _gateway.PublishedAsync<StripeChargeSucceeded>();
        Assert.Multiple(async () =>
        {
            Assert.That(first.Outcomes, Is.EquivalentTo(new Dictionary<string, int> { ["duplicate"] = 1, ["published"] = 1 }));
            Assert.That(published.Count(p => p.Payment.ChargeId == missed), Is.EqualTo(1));
            Assert.That(published, Has.Count.EqualTo(2));
            Assert.That((await _gateway.RecordedEventsAsync()).Single(e => e.Via == IngestVia.Backfill).Type, Is.EqualTo("charge.succeeded"));
            Assert.That(second.AlreadyCompleted, Is.True, "the same backfill again finds its checkpoint completed");
            Assert.That((await CheckpointsAsync()).Single().Completed, Is.True);
        });
    }

    [Test]
    public async Task Should_read_older_history_from_the_object_lists()
    {
        var old = _stripe.CreateCharge(new ChargeSpec { Amount = 5000, BillingEmail = "ap@acme.example", Created = DateTimeOffset.UtcNow.AddDays(-40) });
        _stripe.Account.CreateRefund(old, paymentIntentId: null, amount: 500);
        // The refund is created now (its events reach the gateway as webhooks); only the charge is older than the events API keeps.

        var summary = await _backfill.RunAsync(Since(TimeSpan.FromDays(45), false, "charge"), null, CancellationToken.None);
        var again = await _backfill.RunAsync(Since(TimeSpan.FromDays(45), false, "charge", "refund"), null, CancellationToken.None);

        var published = await _gateway.PublishedAsync<StripeChargeSucceeded>();
        var recorded = await _gateway.RecordedEventsAsync();
        Assert.Multiple(() =>
        {
            // The old charge from the charges list; its charge.refunded of today (a charge's event) came as a webhook.
            Assert.That(summary.Outcomes, Is.EquivalentTo(new Dictionary<string, int> { ["published"] = 1, ["duplicate"] = 1 }));
            Assert.That(published.Single().Payment.ChargeId, Is.EqualTo(old));
            Assert.That(recorded.Select(r => r.EventId), Does.Contain($"evt_backfill_{old}_charge.succeeded"));
            Assert.That(again.Outcomes.Keys, Is.EqualTo(new[] { "duplicate" }), "the old charge recorded by the first backfill, the refund's events by webhook");
            Assert.That(published, Has.Count.EqualTo(1), "a second backfill over the same charge publishes nothing");
        });
    }

    [Test]
    public async Task Should_write_nothing_in_a_dry_run()
    {
        await PaidChargeAsync(1000, delivered: true);
        await PaidChargeAsync(2000, delivered: false);
        var items = new List<BackfillItem>();

        var summary = await _backfill.RunAsync(Since(TimeSpan.FromDays(2), dryRun: true), new Collect(items), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(summary.Outcomes, Is.EquivalentTo(new Dictionary<string, int> { ["recorded"] = 1, ["would_publish"] = 1 }));
            Assert.That(items.Select(i => i.Outcome), Does.Contain("would publish StripeChargeSucceeded (charge-to-order)"));
            Assert.That(await _gateway.RecordedEventsAsync(), Has.Count.EqualTo(1), "only the delivered webhook");
            Assert.That(await CheckpointsAsync(), Is.Empty);
            Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_go_on_from_its_checkpoint_after_an_interruption()
    {
        await PaidChargeAsync(1000, delivered: false);
        using var interrupt = new CancellationTokenSource();

        var request = Since(TimeSpan.FromDays(3));

        // Stopped when the second day starts: the first (empty) day is checkpointed.
        Assert.That(async () => await _backfill.RunAsync(request, new StopAt(interrupt, window: 2), interrupt.Token),
            Throws.InstanceOf<OperationCanceledException>());
        var checkpoint = (await CheckpointsAsync()).Single();
        var resumed = await _backfill.RunAsync(request, null, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(checkpoint.Completed, Is.False);
            Assert.That(resumed.ResumedFrom, Is.EqualTo(checkpoint.Through));
            Assert.That(resumed.Outcomes, Is.EquivalentTo(new Dictionary<string, int> { ["published"] = 1 }));
            Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(1));
        });
    }

    sealed class Collect(List<BackfillItem> items) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value)
        {
            if (value.Item is { } item) items.Add(item);
        }
    }

    sealed class StopAt(CancellationTokenSource source, int window) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value)
        {
            if (value.Window == window && value.Item is null) source.Cancel();
        }
    }
}
