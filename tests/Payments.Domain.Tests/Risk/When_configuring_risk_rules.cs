using Payments.Domain.Risk;

namespace Payments.Domain.Tests.Risk;

public class When_configuring_risk_rules
{
    [Test]
    public void Should_use_the_default_rules_when_none_are_configured()
    {
        var rules = RiskRules.From([], "PaymentRisk:Rules", out var problems);

        Assert.That((rules, problems), Is.EqualTo((RiskPolicy.DefaultRules, Array.Empty<string>())));
    }

    [Test]
    public void Should_turn_configured_rules_into_the_policys_in_order()
    {
        var rules = RiskRules.From(
        [
            new RiskRuleSettings { Name = "refund-small-kwd", EarlyFraudWarning = true, AmountAtMost = new() { ["kwd"] = 30m }, Actions = ["proactiverefund", "Alert"] },
            new RiskRuleSettings { Name = "hold-highest", RiskLevelAtLeast = "Highest", Actions = ["HoldOrder"] },
        ], "PaymentRisk:Rules", out var problems);

        Assert.That(problems, Is.Empty);
        var decision = RiskPolicy.Decide(new RiskSignals { ChargeId = "ch_1", AmountMinor = 12_340, Currency = "KWD", EarlyFraudWarning = true }, rules);
        Assert.Multiple(() =>
        {
            Assert.That(rules.Select(r => r.Name), Is.EqualTo(new[] { "refund-small-kwd", "hold-highest" }));
            Assert.That(rules[1].RiskLevelAtLeast, Is.EqualTo("highest"));
            Assert.That((decision.Rule, decision.Actions), Is.EqualTo(("refund-small-kwd", new[] { RiskAction.ProactiveRefund, RiskAction.Alert })));
            Assert.That(decision.Explanation, Does.Contain("amount 12.340 KWD ≤ 30"));
        });
    }

    [Test]
    public void Should_name_each_bad_setting_on_one_line()
    {
        var rules = RiskRules.From(
        [
            new RiskRuleSettings { Name = "typo", RiskLevelAtLeast = "severe", Actions = ["Refund", "Alert"] },
            new RiskRuleSettings { Name = "typo", Actions = [] },
        ], "PaymentRisk:Rules", out var problems);

        Assert.Multiple(() =>
        {
            Assert.That(rules, Is.Empty);
            Assert.That(problems, Has.Some.EqualTo("PaymentRisk:Rules:0:RiskLevelAtLeast 'severe' is not one of normal, elevated, highest."));
            Assert.That(problems, Has.Some.EqualTo("PaymentRisk:Rules:0:Actions: 'Refund' is not one of ProactiveRefund, HoldOrder, Alert."));
            Assert.That(problems, Has.Some.StartsWith("PaymentRisk:Rules:1:Name 'typo' is used by an earlier rule"));
            Assert.That(problems, Has.Some.StartsWith("PaymentRisk:Rules:1:Actions is required"));
        });
    }

    [Test]
    public void Should_describe_the_signals_on_one_line_with_the_currencys_decimals()
    {
        var line = RiskSignalLine.Describe(new RiskSignals
        {
            ChargeId = "ch_1", AmountMinor = 9_000, Currency = "JPY", RiskLevel = "elevated", RiskScore = 71, EarlyFraudWarning = true, WarningActionable = true,
            FraudType = "made_with_stolen_card",
        });

        Assert.That(line, Is.EqualTo("risk level elevated, score 71, early fraud warning (made_with_stolen_card), actionable, 9000 JPY"));
    }
}
