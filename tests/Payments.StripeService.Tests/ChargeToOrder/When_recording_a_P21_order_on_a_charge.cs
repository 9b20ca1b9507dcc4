using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Stripe;
using Payments.StripeService.Charges;
using Payments.StripeService.ChargeToOrder;
using InjectedFault = Payments.Simulators.Shared.Faults.Fault;

namespace Payments.StripeService.Tests.ChargeToOrder;

[TestFixture]
public class When_recording_a_P21_order_on_a_charge
{
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    RecordP21OrderOnCharge CommandFor(string chargeId, string orderNo = "1000123", long customerId = 10042) => new()
    {
        CorrelationId = CorrelationKey.StripePayment(null, chargeId).ToGuid(),
        ChargeId = chargeId,
        OrderNo = orderNo,
        CustomerId = customerId,
    };

    IEnumerable<StripeApiRequest> UpdatesOf(string chargeId) =>
        _service.Stripe.Requests.Where(r => r.Method == "POST" && r.Path == $"/v1/charges/{chargeId}");

    [Test]
    public async Task Should_write_order_and_customer_into_metadata_keeping_other_keys()
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Metadata = new Dictionary<string, string> { ["znode_order_id"] = "Z-77" } });
        var command = CommandFor(chargeId);

        await _service.Harness.Bus.Publish(command);

        Assert.That(await _service.ConsumedAsync<StripeChargeOrderReferenceRecorded>(), Is.True);
        var recorded = _service.Harness.Consumed.Select<StripeChargeOrderReferenceRecorded>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(recorded.CorrelationId, Is.EqualTo(command.CorrelationId));
            Assert.That(recorded.ChargeId, Is.EqualTo(chargeId));
            Assert.That(recorded.OrderNo, Is.EqualTo("1000123"));
            Assert.That(_service.Stripe.GetChargeMetadata(chargeId), Is.EquivalentTo(new Dictionary<string, string>
            {
                ["znode_order_id"] = "Z-77",
                [StripeMetadataKeys.P21OrderNo] = "1000123",
                [StripeMetadataKeys.P21CustomerId] = "10042",
            }));
        });
    }

    [Test]
    public async Task Should_find_the_order_already_on_the_charge_when_the_command_comes_again_and_write_nothing()
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec());
        var command = CommandFor(chargeId);
        var consumer = _service.Harness.GetConsumerHarness<RecordP21OrderOnChargeConsumer>();

        await _service.Harness.Bus.Publish(command);
        Assert.That(await consumer.Consumed.Any<RecordP21OrderOnCharge>(), Is.True);
        await _service.Harness.Bus.Publish(command);
        var consumed = 0;
        await foreach (var _ in consumer.Consumed.SelectAsync<RecordP21OrderOnCharge>())
            if (++consumed == 2) break;
        Assert.That(consumed, Is.EqualTo(2));
        await _service.Harness.InactivityTask;

        for (var i = 0; i < 100 && _service.Harness.Consumed.Select<StripeChargeOrderReferenceRecorded>().Count() < 2; i++) await Task.Delay(100);

        Assert.Multiple(() =>
        {
            Assert.That(UpdatesOf(chargeId).Count(), Is.EqualTo(1), "the second command reads the charge back and finds its order there");
            Assert.That(_service.Stripe.Writes.Count(w => w.Path == $"/v1/charges/{chargeId}"), Is.EqualTo(1));
            Assert.That(_service.Harness.Consumed.Select<StripeChargeOrderReferenceRecorded>().Count(), Is.EqualTo(2), "both commands are answered");
        });
    }

    [Test]
    public async Task Should_fail_permanently_without_retrying_when_Stripe_answers_400()
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec());
        _service.Stripe.Faults.FailNext("charges.update", InjectedFault.Respond(400));

        await _service.Harness.Bus.Publish(CommandFor(chargeId));

        Assert.That(await _service.PublishedAsync<Fault<RecordP21OrderOnCharge>>(), Is.True);
        var fault = _service.Harness.Published.Select<Fault<RecordP21OrderOnCharge>>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(fault.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
            Assert.That(fault.Exceptions.Single().Message, Does.Contain("400"));
            Assert.That(UpdatesOf(chargeId).Count(), Is.EqualTo(1), "a permanent failure must not be retried");
            Assert.That(_service.Stripe.GetChargeMetadata(chargeId), Is.Empty);
        });
        Assert.That(await _service.Harness.Consumed.Any<StripeChargeOrderReferenceRecorded>(), Is.False);
    }

    [Test]
    public async Task Should_fail_permanently_when_the_charge_does_not_exist()
    {
        await _service.Harness.Bus.Publish(CommandFor("ch_doesnotexist"));

        Assert.That(await _service.PublishedAsync<Fault<RecordP21OrderOnCharge>>(), Is.True);
        var fault = _service.Harness.Published.Select<Fault<RecordP21OrderOnCharge>>().Single().Context.Message;
        Assert.That(fault.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
        Assert.That(fault.Exceptions.Single().Message, Does.Contain("resource_missing"));
    }
}
