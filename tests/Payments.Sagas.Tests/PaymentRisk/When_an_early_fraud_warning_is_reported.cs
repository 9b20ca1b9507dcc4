using MassTransit.Testing;
using Payments.Contracts.PaymentRisk;

namespace Payments.Sagas.Tests.PaymentRisk;

public class When_an_early_fraud_warning_is_reported : ChargeRiskSpec
{
    [Test]
    public async Task Should_refund_an_actionable_warning_under_the_limit_and_record_why()
    {
        await Harness.Bus.Publish(Warning());

        var saga = await WaitForState(Machine.Decided);
        var decision = Harness.Published.Select<RiskDecisionMade>().Single().Context.Message;
        var refund = Harness.Published.Select<RefundChargeForFraud>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((decision.Rule, decision.Actions), Is.EqualTo(("refund-actionable-warning-under-limit", new[] { "ProactiveRefund", "Alert" })));
            Assert.That(decision.Signals, Is.EqualTo("risk level normal, score 20, early fraud warning (made_with_stolen_card), actionable, 50.00 USD"));
            Assert.That(decision.Explanation, Does.Contain("amount 50.00 USD ≤ 100"));
            Assert.That((decision.WarningId, decision.DecidedAt), Is.EqualTo(("issfr_1", T0)));
            Assert.That((refund.ChargeId, refund.WarningId), Is.EqualTo((ChargeId, "issfr_1")));
            Assert.That((saga.RefundId, saga.RefundedAmountMinor), Is.EqualTo(("re_issfr_1", (long?)5_000)));
            Assert.That((saga.DecisionCount, saga.LastRule, saga.LastActions), Is.EqualTo((1, "refund-actionable-warning-under-limit", "ProactiveRefund,Alert")));
            Assert.That(saga.Decisions, Does.StartWith("2026-11-29T09:30:00Z | rule refund-actionable-warning-under-limit | actions ProactiveRefund,Alert | risk level normal"));
            Assert.That(Count<HoldP21OrderForRisk>(), Is.Zero);
        });
    }

    [Test]
    public async Task Should_not_refund_twice_when_the_warning_is_updated()
    {
        await Harness.Bus.Publish(Warning());
        await WaitForState(Machine.Decided);

        // Stripe reports the warning again (no longer actionable once refunded); the charge still shows no refund yet.
        await Harness.Bus.Publish(Warning(eventId: "evt_efw_2", actionable: true, minutes: 5, eventType: "radar.early_fraud_warning.updated"));

        Assert.That(await Eventually(() => Saga.Sagas.Contains(CorrelationId).DecisionCount == 2), Is.True);
        var saga = await WaitForState(Machine.Decided);
        Assert.Multiple(() =>
        {
            Assert.That(Count<RefundChargeForFraud>(), Is.EqualTo(1));
            Assert.That(Count<RiskDecisionMade>(), Is.EqualTo(2));
            Assert.That(saga.LastExplanation, Does.EndWith("refund already asked for warning issfr_1: not asked again"));
            Assert.That(saga.Decisions.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_acknowledge_a_redelivered_warning_without_deciding_again()
    {
        await Harness.Bus.Publish(Warning());
        await WaitForState(Machine.Decided);

        await Harness.Bus.Publish(Warning());
        await Harness.Bus.Publish(Warning(eventId: "evt_efw_old", minutes: -5, eventType: "radar.early_fraud_warning.updated"));
        await Settled();

        Assert.That((Count<DescribeRiskyCharge>(), Count<RiskDecisionMade>(), Saga.Sagas.Contains(CorrelationId).DecisionCount), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public async Task Should_hold_the_order_instead_of_refunding_above_the_limit_in_yen()
    {
        World.Charges[ChargeId] = Charge(amount: 25_000, currency: "JPY");

        await Harness.Bus.Publish(Warning());

        var saga = await WaitForState(Machine.Decided);
        Assert.Multiple(() =>
        {
            Assert.That((saga.LastRule, Count<RefundChargeForFraud>(), Count<HoldP21OrderForRisk>()), Is.EqualTo(("hold-early-fraud-warning", 0, 1)));
            Assert.That(saga.LastSignals, Does.EndWith("25000 JPY"));
            Assert.That((saga.HeldAt is not null, saga.HoldMethod), Is.EqualTo((true, "approved=N")));
        });
    }

    [Test]
    public async Task Should_follow_configured_rules()
    {
        Options.Rules = [new() { Name = "refund-any-kwd-warning", EarlyFraudWarning = true, AmountAtMost = new() { ["KWD"] = 50m }, Actions = ["ProactiveRefund"] }];
        World.Charges[ChargeId] = Charge(amount: 12_340, currency: "KWD");

        await Harness.Bus.Publish(Warning(actionable: false));

        var saga = await WaitForState(Machine.Decided);
        Assert.Multiple(() =>
        {
            Assert.That((saga.LastRule, saga.LastActions, Count<RefundChargeForFraud>()), Is.EqualTo(("refund-any-kwd-warning", "ProactiveRefund", 1)));
            Assert.That(saga.LastExplanation, Does.Contain("amount 12.340 KWD ≤ 50"));
        });
    }
}
