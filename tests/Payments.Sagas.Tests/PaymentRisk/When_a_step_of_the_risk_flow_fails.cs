using MassTransit.Testing;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.PaymentRisk;

public class When_a_step_of_the_risk_flow_fails : ChargeRiskSpec
{
    [TestCase(nameof(DescribeRiskyCharge))]
    [TestCase(nameof(RefundChargeForFraud))]
    public async Task Should_stop_in_Failed_with_the_step_and_the_reason(string step)
    {
        World.Refusals[step] = "Charge ch_risky_1 has already been refunded.";

        await Harness.Bus.Publish(Warning());

        var saga = await WaitForState(Machine.Failed);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(step));
            Assert.That(saga.FailureReason, Does.EndWith("Charge ch_risky_1 has already been refunded."));
            Assert.That(Harness.Published.Select<FlowFailed>().Single().Context.Message.Flow, Is.EqualTo(FlowNames.PaymentRisk));
        });
    }

    [Test]
    public async Task Should_resume_when_the_redriven_refund_succeeds_and_not_ask_again()
    {
        World.Refusals[nameof(RefundChargeForFraud)] = "Stripe is unavailable";
        await Harness.Bus.Publish(Warning());
        await WaitForState(Machine.Failed);

        await Harness.Bus.Publish(new ChargeRefundedForFraud { CorrelationId = CorrelationId, ChargeId = ChargeId, RefundId = "re_redriven", AmountMinor = 5_000, Currency = "USD" });

        var saga = await WaitForState(Machine.Decided);
        Assert.Multiple(() =>
        {
            Assert.That((saga.RefundId, saga.FailedStep), Is.EqualTo(("re_redriven", (string?)null)));
            Assert.That(Count<RefundChargeForFraud>(), Is.EqualTo(1));
        });
    }
}
