using System.Net;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>
/// What Stripe's idempotency layer does with failures (docs/external-apis/stripe.md#idempotency), through Stripe.net: a 500 is stored
/// against the key and replayed for a day, with <c>Stripe-Should-Retry: false</c>; conflicts (409 <c>idempotency_key_in_use</c>, 429
/// <c>lock_timeout</c>) store nothing; a change may be applied although the client never hears the answer.
/// </summary>
[TestFixture]
public class When_Stripe_fails_an_idempotent_request
{
    readonly ManualTimeProvider _clock = ManualTimeProvider.At("2026-11-23T10:00:00Z");
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    string _chargeId = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(time: _clock);
        _client = StripeClients.For(_fake);
        _chargeId = _fake.CreateCharge(new ChargeSpec());
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    Task<Charge> UpdateAsync(string key, string value = "1000123") =>
        _client.V1.Charges.UpdateAsync(_chargeId, new ChargeUpdateOptions { Metadata = new() { ["p21_order_no"] = value } }, new RequestOptions { IdempotencyKey = key });

    static string? ShouldRetry(StripeException e) =>
        e.StripeResponse?.Headers is { } headers && headers.TryGetValues("Stripe-Should-Retry", out var values) ? values.Single() : null;

    IReadOnlyDictionary<string, string> Metadata => _fake.GetChargeMetadata(_chargeId);

    [Test]
    public async Task Should_store_a_500_against_the_key_and_replay_it_saying_a_retry_cannot_succeed()
    {
        _fake.FailNext(1, 500);

        var first = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-500"))!;
        var again = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-500"))!;
        var newKey = await UpdateAsync("key-500-next");

        Assert.Multiple(() =>
        {
            Assert.That((first.HttpStatusCode, again.HttpStatusCode), Is.EqualTo((HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError)));
            Assert.That(again.StripeError.Type, Is.EqualTo("api_error"));
            Assert.That((ShouldRetry(first), ShouldRetry(again)), Is.EqualTo(("false", "false")));
            Assert.That(_fake.Requests.Select(r => (r.StatusCode, r.Injected, r.Replayed)), Is.EqualTo(new[] { (500, true, false), (500, false, true), (200, false, false) }));
            Assert.That(newKey.Metadata["p21_order_no"], Is.EqualTo("1000123"), "a new key is a new request");
            Assert.That(_fake.Writes.Select(w => w.IdempotencyKey), Is.EqualTo(new[] { "key-500-next" }), "the 500 applied nothing");
        });
    }

    [Test]
    public async Task Should_replay_the_500_for_24_hours_and_start_a_new_request_once_the_key_is_pruned()
    {
        _fake.FailNext(1, 500);
        Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-day"));

        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var stillStored = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-day"))!;
        _clock.Advance(TimeSpan.FromSeconds(1));
        var pruned = await UpdateAsync("key-day");

        Assert.Multiple(() =>
        {
            Assert.That(stillStored.HttpStatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(pruned.Metadata["p21_order_no"], Is.EqualTo("1000123"));
            Assert.That(_fake.Requests.Select(r => r.Replayed), Is.EqualTo(new[] { false, true, false }));
        });
    }

    [Test]
    public void Should_not_store_a_500_of_a_read_which_has_no_key()
    {
        _fake.FailNext(1, 500);

        var failed = Assert.ThrowsAsync<StripeException>(() => _client.V1.Charges.GetAsync(_chargeId))!;

        Assert.Multiple(() =>
        {
            Assert.That(failed.HttpStatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(ShouldRetry(failed), Is.Null);
        });
        Assert.DoesNotThrowAsync(() => _client.V1.Charges.GetAsync(_chargeId));
    }

    [Test]
    public async Task Should_apply_the_change_and_then_drop_the_connection()
    {
        _fake.Faults.FailNext("charges.update", StripeFaults.DropAfterApplying());

        var dropped = Assert.CatchAsync(() => UpdateAsync("key-drop"))!;
        var metadataAfterDrop = Metadata;
        var retried = await UpdateAsync("key-drop");

        Assert.Multiple(() =>
        {
            Assert.That(dropped, Is.InstanceOf<HttpRequestException>().Or.InstanceOf<StripeException>(), dropped.ToString());
            Assert.That(metadataAfterDrop["p21_order_no"], Is.EqualTo("1000123"), "Stripe applied the change the client never heard about");
            Assert.That(_fake.Requests.Select(r => r.Replayed), Is.EqualTo(new[] { false, true }), "the answer was stored against the key");
            Assert.That(retried.Metadata["p21_order_no"], Is.EqualTo("1000123"));
            Assert.That(_fake.Writes, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Should_apply_the_change_and_then_answer_a_stored_500()
    {
        _fake.Faults.FailNext("charges.update", StripeFaults.FailAfterApplying());

        var failed = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-applied-500"))!;
        var replayed = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-applied-500"))!;

        Assert.Multiple(() =>
        {
            Assert.That((failed.HttpStatusCode, replayed.HttpStatusCode), Is.EqualTo((HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError)));
            Assert.That(ShouldRetry(replayed), Is.EqualTo("false"));
            Assert.That(Metadata["p21_order_no"], Is.EqualTo("1000123"));
            Assert.That(_fake.Writes, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_with_lock_timeout_and_store_nothing()
    {
        _fake.Faults.FailNext("charges.update", StripeFaults.LockTimeout());

        var locked = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-locked"))!;
        var retried = await UpdateAsync("key-locked");

        Assert.Multiple(() =>
        {
            Assert.That(locked.HttpStatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(locked.StripeError.Code, Is.EqualTo("lock_timeout"));
            Assert.That(ShouldRetry(locked), Is.EqualTo("true"));
            Assert.That(retried.Metadata["p21_order_no"], Is.EqualTo("1000123"));
            Assert.That(_fake.Requests.Select(r => r.Replayed), Is.EqualTo(new[] { false, false }), "nothing was stored against the key");
            Assert.That(_fake.Writes, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_with_idempotency_key_in_use_and_store_nothing()
    {
        _fake.Faults.FailNext("charges.update", StripeFaults.IdempotencyKeyInUse());

        var inUse = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-busy"))!;
        var retried = await UpdateAsync("key-busy");

        Assert.Multiple(() =>
        {
            Assert.That(inUse.HttpStatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(inUse.StripeError.Code, Is.EqualTo("idempotency_key_in_use"));
            Assert.That(ShouldRetry(inUse), Is.EqualTo("true"));
            Assert.That(retried.Metadata["p21_order_no"], Is.EqualTo("1000123"));
            Assert.That(_fake.Writes, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_take_the_Stripe_effects_and_a_plain_409_over_the_control_API()
    {
        using var control = new ControlClient(_fake.BaseUrl);
        var (created, _) = await control.PostAsync("/_sim/faults", new { route = "charges.update", effect = StripeFaults.Effects.DropAfterApplying });
        await control.PostAsync("/_sim/faults", new { route = "charges.update", status = 409 });

        Assert.CatchAsync(() => UpdateAsync("key-control"));
        var conflict = Assert.ThrowsAsync<StripeException>(() => UpdateAsync("key-control-2", "other"))!;

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Metadata["p21_order_no"], Is.EqualTo("1000123"));
            Assert.That(conflict.StripeError.Code, Is.EqualTo("idempotency_key_in_use"));
            Assert.That(ShouldRetry(conflict), Is.EqualTo("true"));
            Assert.That(_fake.Faults.Rules, Is.Empty);
        });
    }
}
