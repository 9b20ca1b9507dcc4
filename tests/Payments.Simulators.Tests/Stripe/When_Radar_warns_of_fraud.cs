using Payments.Simulators.Stripe;
using Stripe;
using Stripe.Radar;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>Radar on the fake: the risk of each test card on its charge, and early fraud warnings that stop being actionable once the charge is refunded or disputed.</summary>
[TestFixture]
public class When_Radar_warns_of_fraud
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false });
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    async Task<PaymentIntent> PaidAsync(string card, long amount = 10_000) =>
        await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = amount, Currency = "usd", PaymentMethod = card, Confirm = true });

    [TestCase("pm_card_visa", "normal", 32)]
    [TestCase("pm_card_riskLevelElevated", "elevated", 67)]
    [TestCase("pm_card_riskLevelHighest", "highest", 83)]
    public async Task Should_give_the_charge_its_cards_risk(string card, string level, long score)
    {
        var paid = await PaidAsync(card);

        var charge = await _client.V1.Charges.GetAsync(paid.LatestChargeId);

        Assert.That((charge.Status, charge.Outcome.RiskLevel, charge.Outcome.RiskScore), Is.EqualTo(("succeeded", level, score)));
    }

    [Test]
    public async Task Should_warn_of_fraud_after_a_payment_with_the_warning_card()
    {
        var paid = await PaidAsync("pm_card_createEarlyFraudWarning");

        var warnings = await _client.V1.Radar.EarlyFraudWarnings.ListAsync(new EarlyFraudWarningListOptions { Charge = paid.LatestChargeId });
        var warning = await _client.V1.Radar.EarlyFraudWarnings.GetAsync(warnings.Data.Single().Id);
        var none = await _client.V1.Radar.EarlyFraudWarnings.ListAsync(new EarlyFraudWarningListOptions { Charge = "ch_other" });

        Assert.Multiple(() =>
        {
            Assert.That(warning.Id, Does.StartWith("issfr_"));
            Assert.That((warning.ChargeId, warning.PaymentIntentId, warning.Actionable, warning.FraudType), Is.EqualTo((paid.LatestChargeId, paid.Id, true, "made_with_stolen_card")));
            Assert.That(_fake.Account.Events.Select(e => e.Type), Has.One.EqualTo("radar.early_fraud_warning.created"));
            Assert.That(none.Data, Is.Empty);
        });
    }

    [Test]
    public async Task Should_keep_the_warning_actionable_after_a_partial_refund_and_not_after_a_full_one()
    {
        var paid = await PaidAsync("pm_card_createEarlyFraudWarning");
        var warningId = (await _client.V1.Radar.EarlyFraudWarnings.ListAsync(new EarlyFraudWarningListOptions { Charge = paid.LatestChargeId })).Data.Single().Id;

        await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Amount = 4000 });
        var afterPartial = await _client.V1.Radar.EarlyFraudWarnings.GetAsync(warningId);
        await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = paid.LatestChargeId, Reason = "fraudulent" });
        var afterFull = await _client.V1.Radar.EarlyFraudWarnings.GetAsync(warningId);

        Assert.Multiple(() =>
        {
            Assert.That(afterPartial.Actionable, Is.True);
            Assert.That(afterFull.Actionable, Is.False);
            var updated = _fake.Account.Events.First(e => e.Type == "radar.early_fraud_warning.updated");
            Assert.That((bool?)updated.Event["data"]!["previous_attributes"]!["actionable"], Is.True);
        });
    }

    [Test]
    public async Task Should_make_the_warning_not_actionable_once_the_charge_is_disputed()
    {
        var paid = await PaidAsync("pm_card_createEarlyFraudWarning");
        var warningId = (await _client.V1.Radar.EarlyFraudWarnings.ListAsync(new EarlyFraudWarningListOptions { Charge = paid.LatestChargeId })).Data.Single().Id;
        using var control = new ControlClient(_fake.BaseUrl);

        await control.PostAsync($"/_sim/charges/{paid.LatestChargeId}/dispute", new { inquiry = false });

        Assert.That((await _client.V1.Radar.EarlyFraudWarnings.GetAsync(warningId)).Actionable, Is.False);
        Assert.That(_fake.Account.Events.Select(e => e.Type), Does.Contain("radar.early_fraud_warning.updated"));
    }
}
