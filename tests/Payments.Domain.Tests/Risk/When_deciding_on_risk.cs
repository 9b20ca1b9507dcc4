using Payments.Domain.Risk;

namespace Payments.Domain.Tests.Risk;

public class When_deciding_on_risk
{
    static RiskSignals Signals(long amount = 5_000, string currency = "USD") => new() { ChargeId = "ch_1", AmountMinor = amount, Currency = currency, RiskLevel = "normal", RiskScore = 12 };

    [Test]
    public void Should_refund_an_actionable_warning_under_the_limit_and_say_why()
    {
        var decision = RiskPolicy.Decide(Signals() with { EarlyFraudWarning = true, WarningActionable = true, FraudType = "made_with_stolen_card" }, RiskPolicy.DefaultRules);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Rule, Is.EqualTo("refund-actionable-warning-under-limit"));
            Assert.That(decision.Actions, Is.EqualTo(new[] { RiskAction.ProactiveRefund, RiskAction.Alert }));
            Assert.That(decision.Explanation, Does.Contain("early fraud warning (made_with_stolen_card)").And.Contain("amount 50.00 USD ≤ 100"));
            Assert.That(decision.Signals.ChargeId, Is.EqualTo("ch_1"), "the decision keeps the signals it saw");
        });
    }

    [Test]
    public void Should_hold_instead_of_refunding_above_the_limit()
    {
        var decision = RiskPolicy.Decide(Signals(amount: 25_000) with { EarlyFraudWarning = true, WarningActionable = true }, RiskPolicy.DefaultRules);

        Assert.That(decision.Rule, Is.EqualTo("hold-early-fraud-warning"));
        Assert.That(decision.Actions, Is.EqualTo(new[] { RiskAction.HoldOrder, RiskAction.Alert }));
    }

    [Test]
    public void Should_apply_the_limit_in_the_currency_of_the_charge()
    {
        // 9,000 JPY is under the 10,000 JPY limit; a currency without a limit never matches the refund rule.
        var yen = RiskPolicy.Decide(Signals(amount: 9_000, currency: "JPY") with { EarlyFraudWarning = true, WarningActionable = true }, RiskPolicy.DefaultRules);
        var dinar = RiskPolicy.Decide(Signals(amount: 1_000, currency: "KWD") with { EarlyFraudWarning = true, WarningActionable = true }, RiskPolicy.DefaultRules);

        Assert.That(yen.Actions, Does.Contain(RiskAction.ProactiveRefund));
        Assert.That(dinar.Actions, Does.Not.Contain(RiskAction.ProactiveRefund));
    }

    [Test]
    public void Should_not_refund_a_charge_already_disputed_even_if_a_rule_says_so()
    {
        var rules = new[] { new RiskRule { Name = "always-refund", EarlyFraudWarning = true, Actions = [RiskAction.ProactiveRefund] } };

        var decision = RiskPolicy.Decide(Signals() with { EarlyFraudWarning = true, Disputed = true }, rules);

        Assert.That(decision.Actions, Is.Empty);
        Assert.That(decision.Explanation, Does.Contain("already disputed"));
    }

    [Test]
    public void Should_hold_and_alert_on_elevated_radar_risk_without_a_warning()
    {
        var decision = RiskPolicy.Decide(Signals() with { RiskLevel = "elevated", RiskScore = 70 }, RiskPolicy.DefaultRules);

        Assert.That(decision.Rule, Is.EqualTo("hold-elevated-risk"));
        Assert.That(decision.Explanation, Does.Contain("risk level elevated ≥ elevated"));
    }

    [Test]
    public void Should_take_no_action_and_still_explain_when_nothing_fires()
    {
        var decision = RiskPolicy.Decide(Signals(), RiskPolicy.DefaultRules);

        Assert.That(decision.Acts, Is.False);
        Assert.That(decision.Rule, Is.Null);
        Assert.That(decision.Explanation, Does.StartWith("no rule fired").And.Contain("risk level normal, score 12"));
    }

    [Test]
    public void Should_let_the_first_matching_rule_decide()
    {
        var rules = new[]
        {
            new RiskRule { Name = "score-90", RiskScoreAtLeast = 90, Actions = [RiskAction.Alert] },
            new RiskRule { Name = "score-60", RiskScoreAtLeast = 60, Actions = [RiskAction.HoldOrder] },
        };

        Assert.That(RiskPolicy.Decide(Signals() with { RiskScore = 95 }, rules).Rule, Is.EqualTo("score-90"));
        Assert.That(RiskPolicy.Decide(Signals() with { RiskScore = 65 }, rules).Rule, Is.EqualTo("score-60"));
    }

    [Test]
    public void Should_refuse_a_rule_with_an_unknown_risk_level()
    {
        var rules = new[] { new RiskRule { Name = "typo", RiskLevelAtLeast = "elevatd", Actions = [RiskAction.Alert] } };

        Assert.That(() => RiskPolicy.Decide(Signals(), rules), Throws.ArgumentException.With.Message.Contains("elevatd"));
    }
}
