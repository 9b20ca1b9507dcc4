using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;

namespace Payments.Sagas.Tests.StripeRefund;

public class When_a_step_of_the_refund_fails : RefundSpec
{
    const string Refusal = "refused by the spec";

    [TestCase(nameof(DescribeRefundedCharge))]
    [TestCase(nameof(PostP21RefundReturn))]
    [TestCase(nameof(RecordZnodeRefund))]
    public async Task Should_stop_in_Failed_with_the_step_and_reason_and_resume_after_a_redrive(string step)
    {
        Charge(p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", 3000));
        World.Refusals[step] = $"{step} {Refusal}";
        var report = Reported();

        await Harness.Bus.Publish(report);

        var saga = await WaitForState(report.CorrelationId, Machine.Failed);
        var failed = Published<FlowFailed>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(step));
            Assert.That(saga.FailureReason, Is.EqualTo($"PermanentFailureException: {step} {Refusal}"));
            Assert.That((failed.Flow, failed.Step, failed.Subject), Is.EqualTo((FlowNames.StripeRefund, step, "stripe-refund:re_1")));
        });

        // The cause is fixed and the faulted command redriven from its _error queue: the consumer answers, the flow goes on.
        World.Refusals.Clear();
        await Redrive(step, report.CorrelationId);

        saga = await WaitForState(report.CorrelationId, Machine.Final);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.FailureReason, saga.FailedAt), Is.EqualTo(((string?)null, (string?)null, (DateTime?)null)));
            Assert.That((saga.P21DocumentNumber, saga.ZnodePaymentStatus), Is.EqualTo(("JE-re_1", "PARTIALLY REFUNDED")));
            Assert.That(Published<FlowCompleted>(), Has.Count.EqualTo(1));
        });
    }

    [TestCase(nameof(ReverseP21RefundReturn))]
    // The charge read again, before Znode's status is set back.
    [TestCase(nameof(DescribeRefundedCharge))]
    [TestCase(nameof(ReverseZnodeRefund))]
    public async Task Should_stop_a_reversal_in_Failed_and_finish_it_after_a_redrive(string step)
    {
        Charge(p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", 3000));
        var report = Reported();
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.Final);
        World.Refusals[step] = $"{step} {Refusal}";

        await Harness.Bus.Publish(Reported(status: "failed", eventType: "refund.failed", secondsLater: 60));

        var saga = await WaitForState(report.CorrelationId, Machine.Failed);
        Assert.That((saga.FailedStep, saga.FailureReason), Is.EqualTo((step, $"PermanentFailureException: {step} {Refusal}")));

        World.Refusals.Clear();
        await Redrive(step, report.CorrelationId);

        saga = await WaitForState(report.CorrelationId, Machine.Reversed);
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.ZnodePaymentStatus), Is.EqualTo(((string?)null, "CAPTURED")));
            Assert.That(Published<ReverseP21RefundReturn>(), Has.Count.EqualTo(step == nameof(ReverseP21RefundReturn) ? 2 : 1));
        });
    }

    /// <summary>What <c>payments faults redrive</c> does: the faulted command, as it was, sent again to its consumer.</summary>
    async Task Redrive(string step, Guid correlationId)
    {
        object command = step switch
        {
            // A reversal reads the charge a second time: the latest read is the one that faulted.
            nameof(DescribeRefundedCharge) => Published<DescribeRefundedCharge>().Last(c => c.CorrelationId == correlationId),
            nameof(PostP21RefundReturn) => Published<PostP21RefundReturn>().Single(c => c.CorrelationId == correlationId),
            nameof(RecordZnodeRefund) => Published<RecordZnodeRefund>().Single(c => c.CorrelationId == correlationId),
            nameof(ReverseP21RefundReturn) => Published<ReverseP21RefundReturn>().Single(c => c.CorrelationId == correlationId),
            nameof(ReverseZnodeRefund) => Published<ReverseZnodeRefund>().Single(c => c.CorrelationId == correlationId),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        await Harness.Bus.Publish(command, command.GetType());
    }
}
