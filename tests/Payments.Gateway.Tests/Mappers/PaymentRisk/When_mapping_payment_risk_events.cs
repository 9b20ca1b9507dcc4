using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.PaymentRisk;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.PaymentRisk;

[TestFixture]
public class When_mapping_payment_risk_events
{
    static readonly DateTimeOffset EventTime = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    static StripeEventEnvelope Envelope(string type, JsonObject dataObject) =>
        StripeEventEnvelope.Read(StripeEventBuilder.Create(type, dataObject, created: EventTime).Json).Envelope!;

    static JsonObject Warning(bool actionable = true)
    {
        var warning = StripeFixtures.Resource("radar.early_fraud_warning");
        warning["id"] = "issfr_3Warned";
        warning["charge"] = "ch_3Risky";
        warning["payment_intent"] = "pi_3Risky";
        warning["actionable"] = actionable;
        warning["fraud_type"] = "made_with_stolen_card";
        return warning;
    }

    static JsonObject RiskyCharge(string? level, long? score = 65, long amount = 4200, string currency = "usd")
    {
        var charge = new ChargeSpec { Id = "ch_3Risky", PaymentIntentId = "pi_3Risky", Amount = amount, Currency = currency }.ToJson();
        charge["outcome"] = new JsonObject { ["type"] = "authorized", ["network_status"] = "approved_by_network", ["risk_level"] = level, ["risk_score"] = score };
        return charge;
    }

    static ChargeRiskObservedMapper RiskMapper(string? atLeast = RiskLevels.Elevated) =>
        new(Options.Create(new PaymentRiskOptions { ObserveRiskLevelAtLeast = atLeast }));

    [TestCase("radar.early_fraud_warning.created", true)]
    [TestCase("radar.early_fraud_warning.updated", false)]
    public void Should_report_the_warning_correlated_to_the_charges_risk(string type, bool actionable)
    {
        var mapping = new EarlyFraudWarningMapper().Map(Envelope(type, Warning(actionable)));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.ChargeRisk("ch_3Risky").ToGuid()));
        var reported = (EarlyFraudWarningReported)mapping.Message!;
        Assert.Multiple(() =>
        {
            Assert.That((reported.EventType, reported.WarningId, reported.ChargeId, reported.PaymentIntentId), Is.EqualTo((type, "issfr_3Warned", "ch_3Risky", "pi_3Risky")));
            Assert.That((reported.Actionable, reported.FraudType, reported.ReportedAt), Is.EqualTo((actionable, "made_with_stolen_card", EventTime)));
        });
    }

    static IEnumerable<TestCaseData> BadWarnings()
    {
        yield return new TestCaseData((Action<JsonObject>)(w => w["object"] = "review"), "not an early fraud warning").SetName("{m}(not a warning)");
        yield return new TestCaseData((Action<JsonObject>)(w => w.Remove("id")), "no 'id'").SetName("{m}(no id)");
        yield return new TestCaseData((Action<JsonObject>)(w => w["charge"] = ""), "no 'charge'").SetName("{m}(no charge)");
        yield return new TestCaseData((Action<JsonObject>)(w => w["actionable"] = "yes"), "'actionable'").SetName("{m}(actionable not a boolean)");
        yield return new TestCaseData((Action<JsonObject>)(w => w["fraud_type"] = null), "'fraud_type'").SetName("{m}(no fraud type)");
    }

    [TestCaseSource(nameof(BadWarnings))]
    public void Should_reject_a_warning_it_cannot_read(Action<JsonObject> spoil, string reason)
    {
        var warning = Warning();
        spoil(warning);

        var mapping = new EarlyFraudWarningMapper().Map(Envelope("radar.early_fraud_warning.created", warning));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }

    [TestCase("elevated", RiskLevels.Elevated)]
    [TestCase("highest", RiskLevels.Elevated)]
    [TestCase("highest", RiskLevels.Highest)]
    [TestCase("normal", RiskLevels.Normal)]
    public void Should_observe_a_charge_whose_risk_is_at_least_the_configured_level(string level, string atLeast)
    {
        var mapping = RiskMapper(atLeast).Map(Envelope("charge.succeeded", RiskyCharge(level, score: 72, amount: 1250, currency: "kwd")));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        var observed = (ChargeRiskObserved)mapping.Message!;
        Assert.Multiple(() =>
        {
            Assert.That(observed.CorrelationId, Is.EqualTo(CorrelationKey.ChargeRisk("ch_3Risky").ToGuid()));
            Assert.That((observed.ChargeId, observed.PaymentIntentId, observed.RiskLevel, observed.RiskScore), Is.EqualTo(("ch_3Risky", "pi_3Risky", level, (int?)72)));
            Assert.That((observed.AmountMinor, observed.Currency, observed.ReportedAt), Is.EqualTo((1250L, "KWD", EventTime)));
        });
    }

    [TestCase("normal", RiskLevels.Elevated)]
    [TestCase("elevated", RiskLevels.Highest)]
    [TestCase("not_assessed", RiskLevels.Normal)]
    [TestCase("unknown", RiskLevels.Normal)]
    [TestCase(null, RiskLevels.Normal)]
    [TestCase("highest", "")]
    [TestCase("highest", null)]
    public void Should_ignore_a_charge_below_the_level_or_when_observing_is_off(string? level, string? atLeast)
    {
        var mapping = RiskMapper(atLeast).Map(Envelope("charge.succeeded", RiskyCharge(level)));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Ignore));
        Assert.That(mapping.Message, Is.Null);
    }

    [Test]
    public void Should_observe_without_a_score_when_Stripe_gives_none()
    {
        var mapping = RiskMapper().Map(Envelope("charge.succeeded", RiskyCharge("highest", score: null)));

        Assert.That(((ChargeRiskObserved)mapping.Message!).RiskScore, Is.Null);
    }

    static IEnumerable<TestCaseData> BadRiskyCharges()
    {
        yield return new TestCaseData((Action<JsonObject>)(c => c.Remove("id")), "no 'id'").SetName("{m}(no id)");
        yield return new TestCaseData((Action<JsonObject>)(c => c["amount"] = "4200"), "'amount'").SetName("{m}(amount as text)");
        yield return new TestCaseData((Action<JsonObject>)(c => c["currency"] = null), "ISO 4217").SetName("{m}(no currency)");
    }

    [TestCaseSource(nameof(BadRiskyCharges))]
    public void Should_reject_a_risky_charge_it_cannot_read(Action<JsonObject> spoil, string reason)
    {
        var charge = RiskyCharge("highest");
        spoil(charge);

        var mapping = RiskMapper().Map(Envelope("charge.succeeded", charge));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }

    [TestCase("", true)]
    [TestCase("elevated", true)]
    [TestCase("medium", false)]
    public void Should_validate_the_configured_level(string value, bool valid)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new PaymentRiskOptions { ObserveRiskLevelAtLeast = value };

        var ok = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.That(ok, Is.EqualTo(valid), string.Join("; ", results.Select(r => r.ErrorMessage)));
    }
}
