using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

public class When_a_step_of_the_dispute_fails : DisputeSpec
{
    [TestCase(nameof(DescribeDisputedCharge))]
    [TestCase(nameof(PostDisputeJournal))]
    [TestCase(nameof(HoldP21OrderForDispute))]
    public async Task Should_stop_in_Failed_with_the_step_and_the_reason(string step)
    {
        World.Refuse(step, $"refused {step}: account 4999 is closed");

        await PublishInTurn(Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()));

        var saga = await WaitForState(Machine.Failed);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True);
        var failed = Harness.Published.Select<FlowFailed>().First().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, failed.Step, failed.Flow), Is.EqualTo((step, step, FlowNames.StripeDispute)));
            Assert.That(saga.FailureReason, Does.EndWith($"refused {step}: account 4999 is closed"));
        });
    }

    [Test]
    public async Task Should_resume_when_the_redriven_journal_is_posted_and_book_nothing_twice()
    {
        World.Refuse(nameof(PostDisputeJournal), "Records do not balance");
        await PublishInTurn(Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()));
        await WaitForState(Machine.Failed);
        Assert.That(await Harness.Published.Any<P21OrderHeldForDispute>(), Is.True, "the hold went through");

        // A repeat while the flow waits in Failed asks for nothing again; then what a redrive produces once the accounts are fixed.
        await PublishInTurn(Reported("charge.dispute.updated", "needs_response", 2, transactions: Withdrawal()));
        Assert.That(Saga.Sagas.Contains(CorrelationId).CurrentState, Is.EqualTo(Machine.Failed.Name));
        await Harness.Bus.Publish(new DisputeJournalPosted
        {
            CorrelationId = CorrelationId, DisputeId = DisputeId, BalanceTransactionId = "txn_withdrawal", Kind = "Withdrawal", JournalReference = "JE-redriven",
        });

        var saga = await WaitForState(Machine.Open);
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.FailureReason), Is.EqualTo(((string?)null, (string?)null)));
            Assert.That(saga.BookedBalanceTransactionIds, Is.EqualTo("txn_withdrawal"));
            Assert.That((Count<PostDisputeJournal>(), Count<HoldP21OrderForDispute>()), Is.EqualTo((1, 1)));
        });
    }

    [Test]
    public async Task Should_keep_the_failure_visible_when_another_step_succeeds_meanwhile()
    {
        World.Refuse(nameof(HoldP21OrderForDispute), "Order 1001234 is locked by another user");
        await PublishInTurn(Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()));

        var saga = await WaitForState(Machine.Failed);
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(saga.BookedBalanceTransactionIds, Is.EqualTo("txn_withdrawal"), "the journal was posted");
            Assert.That((saga.CurrentState, saga.FailedStep), Is.EqualTo((Machine.Failed.Name, nameof(HoldP21OrderForDispute))));
        });
    }

    [Test]
    public async Task Should_refuse_a_report_with_a_status_it_does_not_know()
    {
        await Harness.Bus.Publish(Reported("charge.dispute.created", "escalated", 0));

        Assert.That(await Harness.Published.Any<MassTransit.Fault<StripeDisputeReported>>(), Is.True);
        var fault = Harness.Published.Select<MassTransit.Fault<StripeDisputeReported>>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(Payments.Sagas.Flows.FaultReason.Describe(fault), Does.Contain("'escalated' is not a Stripe dispute status this flow knows"));
            Assert.That(Count<DescribeDisputedCharge>(), Is.Zero, "nothing was asked");
        });
    }
}
