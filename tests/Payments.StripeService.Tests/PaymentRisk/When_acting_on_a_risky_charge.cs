using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Stripe;

namespace Payments.StripeService.Tests.PaymentRisk;

[TestFixture]
public class When_acting_on_a_risky_charge
{
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [TestCase("riskLevelElevated", "elevated", 67)]
    [TestCase("riskLevelHighest", "highest", 83)]
    public async Task Should_describe_the_charge_with_Radars_risk(string card, string level, int score)
    {
        var chargeId = _service.Stripe.Account.AddCharge(new ChargeSpec { Amount = 4200 }, card: card);

        await _service.Harness.Bus.Publish(new DescribeRiskyCharge { CorrelationId = CorrelationKey.ChargeRisk(chargeId).ToGuid(), ChargeId = chargeId });

        Assert.That(await _service.ConsumedAsync<RiskyChargeDescribed>(), Is.True);
        var facts = _service.Harness.Consumed.Select<RiskyChargeDescribed>().Single().Context.Message.Charge;
        Assert.That((facts.RiskLevel, facts.RiskScore, facts.Disputed, facts.AmountMinor), Is.EqualTo((level, (int?)score, false, 4200L)));
    }

    [Test]
    public async Task Should_refund_the_whole_charge_for_fraud_once_with_the_warning_in_metadata_and_key()
    {
        var chargeId = _service.Stripe.Account.AddCharge(new ChargeSpec { Amount = 5000, Currency = "jpy" }, card: "createEarlyFraudWarning");
        var warningId = (string)_service.Stripe.Account.List("radar.early_fraud_warning").Single()["id"]!;
        var command = new RefundChargeForFraud { CorrelationId = CorrelationKey.ChargeRisk(chargeId).ToGuid(), ChargeId = chargeId, WarningId = warningId };

        await _service.Harness.Bus.Publish(command);
        Assert.That(await _service.ConsumedAsync<ChargeRefundedForFraud>(), Is.True);
        await _service.Harness.Bus.Publish(command with { });
        for (var i = 0; i < 300 && _service.Harness.Consumed.Select<ChargeRefundedForFraud>().Count() < 2; i++) await Task.Delay(100);

        var refunds = _service.Stripe.Account.List("refund");
        var refunded = _service.Harness.Consumed.Select<ChargeRefundedForFraud>().Select(c => c.Context.Message).ToList();
        var create = _service.Stripe.Requests.Single(r => r.Method == "POST" && r.Path == "/v1/refunds");
        Assert.Multiple(() =>
        {
            Assert.That(refunds, Has.Count.EqualTo(1), "never twice");
            Assert.That(((long?)refunds[0]["amount"], (string?)refunds[0]["reason"], (string?)refunds[0]["metadata"]![StripeMetadataKeys.EarlyFraudWarning]),
                Is.EqualTo(((long?)5000, "fraudulent", warningId)));
            Assert.That(create.IdempotencyKey, Is.EqualTo($"early-fraud-warning:{warningId}"));
            Assert.That(refunded.Select(r => (r.RefundId, r.AmountMinor, r.Currency, r.CorrelationId)).Distinct(),
                Is.EqualTo(new[] { ((string)refunds[0]["id"]!, 5000L, "JPY", command.CorrelationId) }));
            Assert.That((bool?)_service.Stripe.Account.Get(warningId)!["actionable"], Is.False);
        });
    }

    [Test]
    public async Task Should_fail_permanently_with_Stripes_message_when_the_charge_is_charged_back()
    {
        var chargeId = _service.Stripe.Account.AddCharge(new ChargeSpec { Amount = 5000 }, card: "createDispute");

        await _service.Harness.Bus.Publish(new RefundChargeForFraud { CorrelationId = CorrelationKey.ChargeRisk(chargeId).ToGuid(), ChargeId = chargeId, WarningId = "issfr_x" });

        Assert.That(await _service.PublishedAsync<Fault<RefundChargeForFraud>>(), Is.True);
        var fault = _service.Harness.Published.Select<Fault<RefundChargeForFraud>>().Single().Context.Message.Exceptions.Single();
        Assert.That(fault.ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
        Assert.That(fault.Message, Does.Contain("has been charged back; cannot issue a refund"));
    }
}
