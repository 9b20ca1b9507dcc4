using MassTransit.Testing;
using Payments.Contracts.PaymentRisk;

namespace Payments.Sagas.Tests.PaymentRisk;

public class When_the_charge_risk_is_elevated : ChargeRiskSpec
{
    [Test]
    public async Task Should_hold_the_P21_order_and_alert()
    {
        World.Charges[ChargeId] = Charge(riskLevel: "elevated", riskScore: 72);

        await Harness.Bus.Publish(RiskObserved());

        var saga = await WaitForState(Machine.Decided);
        var decision = Harness.Published.Select<RiskDecisionMade>().Single().Context.Message;
        var hold = Harness.Published.Select<HoldP21OrderForRisk>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((decision.Rule, decision.Actions), Is.EqualTo(("hold-elevated-risk", new[] { "HoldOrder", "Alert" })));
            Assert.That(decision.Signals, Is.EqualTo("risk level elevated, score 72, no early fraud warning, 50.00 USD"));
            Assert.That(hold.P21OrderNo, Is.EqualTo("1001234"));
            Assert.That(hold.Reason, Does.Contain("risk level elevated ≥ elevated"));
            Assert.That((saga.HeldAt is not null, saga.RefundRequestedAt), Is.EqualTo((true, (DateTime?)null)));
        });
    }

    [Test]
    public async Task Should_record_that_there_is_nothing_to_hold_without_a_P21_order()
    {
        World.Charges[ChargeId] = Charge(riskLevel: "elevated", p21OrderNo: null);

        await Harness.Bus.Publish(RiskObserved());

        var saga = await WaitForState(Machine.Decided);
        Assert.Multiple(() =>
        {
            Assert.That(Count<HoldP21OrderForRisk>(), Is.Zero);
            Assert.That(saga.HoldNote, Is.EqualTo("nothing to hold: the charge has no P21 order"));
            Assert.That(saga.LastExplanation, Does.EndWith("nothing to hold: the charge has no P21 order"));
            Assert.That(saga.Decisions, Does.Contain("nothing to hold"));
            Assert.That(Count<RiskDecisionMade>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_record_a_decision_with_no_action_when_no_rule_fires()
    {
        World.Charges[ChargeId] = Charge(riskLevel: "normal");

        await Harness.Bus.Publish(RiskObserved(level: "normal", score: 5));

        var saga = await WaitForState(Machine.Decided);
        Assert.Multiple(() =>
        {
            Assert.That((saga.LastRule, saga.LastActions), Is.EqualTo(((string?)null, "")));
            Assert.That(saga.LastExplanation, Does.StartWith("no rule fired"));
            Assert.That(Count<HoldP21OrderForRisk>() + Count<RefundChargeForFraud>(), Is.Zero);
        });
    }
}
