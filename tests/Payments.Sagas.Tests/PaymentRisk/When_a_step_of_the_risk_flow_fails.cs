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

    [TestCase(nameof(RefundChargeForFraud), 5_000, "USD")]
    [TestCase(nameof(HoldP21OrderForRisk), 25_000, "JPY")]
    public async Task Should_fail_on_the_fault_of_an_action_that_arrives_while_a_newer_warning_is_read(string step, long amount, string currency)
    {
        World.Charges[ChargeId] = Charge(amount: amount, currency: currency);
        World.Refusals[step] = "P21 or Stripe refused the action.";
        var action = World.Gate(step);
        var describe = new TaskCompletionSource();
        try
        {
            await Harness.Bus.Publish(Warning());
            await WaitForState(Machine.Acting);
            describe = World.Gate(nameof(DescribeRiskyCharge));
            await Harness.Bus.Publish(Warning(eventId: "evt_efw_2", minutes: 5, eventType: "radar.early_fraud_warning.updated"));
            await WaitForState(Machine.Describing);

            action.SetResult();

            var saga = await WaitForState(Machine.Failed);
            // Any<T> returns as soon as one is published; counting would wait for the bus to go idle, which it cannot while the
            // newer warning's description is held.
            Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True, "the fault is announced, not ignored");
            Assert.Multiple(() =>
            {
                Assert.That(saga.FailedStep, Is.EqualTo(step));
                Assert.That(saga.FailureReason, Does.EndWith("P21 or Stripe refused the action."));
            });

            // The newer warning's description still decides, and the flow stays in Failed until the failed step succeeds.
            describe.SetResult();
            Assert.That(await Eventually(() => Saga.Sagas.Contains(CorrelationId).DecisionCount == 2), Is.True);
            Assert.That(Saga.Sagas.Contains(CorrelationId).CurrentState, Is.EqualTo(Machine.Failed.Name));
            Assert.That(Count<FlowFailed>(), Is.EqualTo(1), "announced once");
        }
        finally
        {
            action.TrySetResult();
            describe.TrySetResult();
        }
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
