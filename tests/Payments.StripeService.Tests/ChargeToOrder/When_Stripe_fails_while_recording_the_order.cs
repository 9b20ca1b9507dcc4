using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Simulators.Stripe;
using InjectedFault = Payments.Simulators.Shared.Faults.Fault;

namespace Payments.StripeService.Tests.ChargeToOrder;

/// <summary>
/// The metadata write-back against the failures of real Stripe (docs/external-apis/stripe.md#idempotency), reproduced by the Stripe
/// fake: every one must end with the order on the charge and exactly one change applied, through the shared retry policy (three
/// attempts in these tests) and, when those are spent, a redrive.
/// </summary>
[TestFixture]
public class When_Stripe_fails_while_recording_the_order
{
    const string OrderNo = "1000123";
    StripeServiceHost _service = null!;
    string _chargeId = null!;

    [SetUp]
    public async Task Start()
    {
        _service = await StripeServiceHost.StartAsync();
        _chargeId = _service.Stripe.CreateCharge(new ChargeSpec());
    }

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    RecordP21OrderOnCharge Command => new()
    {
        CorrelationId = CorrelationKey.StripePayment(null, _chargeId).ToGuid(),
        ChargeId = _chargeId,
        OrderNo = OrderNo,
        CustomerId = 10042,
    };

    List<StripeApiRequest> Updates => [.. _service.Stripe.Requests.Where(r => r.Method == "POST" && r.Path == $"/v1/charges/{_chargeId}")];

    IReadOnlyList<StripeWrite> Writes => [.. _service.Stripe.Writes.Where(w => w.Path == $"/v1/charges/{_chargeId}")];

    /// <summary>Waits until the command is recorded (true) or faulted (false), whichever comes first; 30 s at most.</summary>
    async Task<bool> RecordedAsync(int faultsBefore = 0)
    {
        for (var i = 0; i < 300; i++)
        {
            if (_service.Harness.Consumed.Select<StripeChargeOrderReferenceRecorded>().Any()) return true;
            if (_service.Harness.Published.Select<Fault<RecordP21OrderOnCharge>>().Count() > faultsBefore) return false;
            await Task.Delay(100);
        }
        return false;
    }

    void AssertOneChange()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_service.Stripe.GetChargeMetadata(_chargeId)[StripeMetadataKeys.P21OrderNo], Is.EqualTo(OrderNo));
            Assert.That(Writes, Has.Count.EqualTo(1), "exactly one change applied to the charge");
        });
    }

    [Test]
    public async Task Should_recover_from_a_500_that_Stripe_stored_against_the_key()
    {
        _service.Stripe.Faults.FailNext("charges.update", InjectedFault.Respond(500));

        await _service.Harness.Bus.Publish(Command);

        Assert.That(await RecordedAsync(), Is.True, "a stored 500 must not fail every retry: " + string.Join(", ", Updates.Select(u => $"{u.StatusCode} {u.IdempotencyKey} replayed={u.Replayed}")));
        AssertOneChange();
        Assert.Multiple(() =>
        {
            Assert.That(Updates.Select(u => u.StatusCode), Is.EqualTo(new[] { 500, 200 }));
            Assert.That(Updates.Select(u => u.IdempotencyKey).Distinct().Count(), Is.EqualTo(2), "the next attempt uses a key of its own");
            Assert.That(Updates.Select(u => u.IdempotencyKey), Is.All.StartsWith($"p21-order-ref:{_chargeId}:{OrderNo}"), "derived from the business key");
        });
    }

    [Test]
    public async Task Should_recover_on_a_redrive_after_every_attempt_met_a_stored_500()
    {
        _service.Stripe.Faults.FailNext("charges.update", InjectedFault.Respond(500), times: 3);
        var messageId = NewId.NextGuid();
        await _service.Harness.Bus.Publish(Command, c => c.MessageId = messageId);
        Assert.That(await RecordedAsync(), Is.False, "three attempts, three 500s: the message faults");

        // What `payments faults redrive` sends: the same message and MessageId, the fault headers removed, Payments-Redriven-At added.
        await _service.Harness.Bus.Publish(Command, c =>
        {
            c.MessageId = messageId;
            c.Headers.Set("Payments-Redriven-At", DateTimeOffset.UtcNow.ToString("O"));
        });

        Assert.That(await RecordedAsync(faultsBefore: 1), Is.True, "a redrive must not meet the 500 stored against the first attempt's key: "
            + string.Join(", ", Updates.Select(u => $"{u.StatusCode} {u.IdempotencyKey} replayed={u.Replayed}")));
        AssertOneChange();
    }

    [Test]
    public async Task Should_finish_without_writing_again_when_Stripe_applied_the_change_and_answered_500()
    {
        _service.Stripe.Faults.FailNext("charges.update", StripeFaults.FailAfterApplying());

        await _service.Harness.Bus.Publish(Command);

        Assert.That(await RecordedAsync(), Is.True);
        AssertOneChange();
    }

    [Test]
    public async Task Should_write_once_when_the_connection_drops_after_Stripe_applied_the_change()
    {
        _service.Stripe.Faults.FailNext("charges.update", StripeFaults.DropAfterApplying());

        await _service.Harness.Bus.Publish(Command);

        Assert.That(await RecordedAsync(), Is.True);
        AssertOneChange();
    }

    [Test]
    public async Task Should_retry_a_lock_timeout()
    {
        _service.Stripe.Faults.FailNext("charges.update", StripeFaults.LockTimeout());

        await _service.Harness.Bus.Publish(Command);

        Assert.That(await RecordedAsync(), Is.True);
        AssertOneChange();
        Assert.That(Updates.Select(u => u.StatusCode), Is.EqualTo(new[] { 429, 200 }));
    }

    [Test]
    public async Task Should_retry_an_idempotency_key_in_use()
    {
        _service.Stripe.Faults.FailNext("charges.update", StripeFaults.IdempotencyKeyInUse());

        await _service.Harness.Bus.Publish(Command);

        Assert.That(await RecordedAsync(), Is.True);
        AssertOneChange();
        Assert.That(Updates.Select(u => u.StatusCode), Is.EqualTo(new[] { 409, 200 }));
    }
}
