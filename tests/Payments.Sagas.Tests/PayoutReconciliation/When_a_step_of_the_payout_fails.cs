using MassTransit.Testing;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.PayoutReconciliation;

public class When_a_step_of_the_payout_fails : PayoutSpec
{
    [TestCase(nameof(ListPayoutTransactions))]
    [TestCase(nameof(PostPayoutJournal))]
    public async Task Should_stop_in_Failed_with_the_step_and_the_reason(string step)
    {
        World.Refuse(step, $"refused {step}: account 1010 is closed");

        await PublishInTurn(Paid(), Completed());

        var saga = await WaitForState(Machine.Failed);
        Assert.That(await Harness.Published.Any<FlowFailed>(), Is.True);
        var failed = Harness.Published.Select<FlowFailed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, failed.Step, failed.Flow), Is.EqualTo((step, step, FlowNames.PayoutReconciliation)));
            Assert.That(saga.FailureReason, Does.EndWith($"refused {step}: account 1010 is closed"));
            Assert.That(saga.JournalNumber, Is.Null);
        });
    }

    [Test]
    public async Task Should_stop_in_Failed_when_the_reversal_fails()
    {
        World.Refuse(nameof(ReversePayoutJournal), "Period 2026-12 is closed");
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Posted);

        await PublishInTurn(FailedReport());

        var saga = await WaitForState(Machine.Failed);
        Assert.That((saga.FailedStep, saga.JournalNumber, saga.ReversalJournalNumber), Is.EqualTo((nameof(ReversePayoutJournal), PayoutWorld.JournalOf(PayoutId), (string?)null)));

        // Rerun there lists nothing: the payout has a journal.
        await PublishInTurn(Rerun());
        await PublishInTurn(new PayoutJournalReversed { CorrelationId = CorrelationId, PayoutId = PayoutId, ReversalJournalNumber = "JE-R-redriven", AlreadyExisted = false });

        saga = await WaitForState(Machine.Reversed);
        Assert.That((saga.ReversalJournalNumber, saga.FailedStep, Count<ListPayoutTransactions>()), Is.EqualTo(("JE-R-redriven", (string?)null, 1)));
    }

    [Test]
    public async Task Should_resume_when_the_redriven_listing_answers()
    {
        World.Refuse(nameof(ListPayoutTransactions), "Stripe answered 401");
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Failed);
        var command = Harness.Published.Select<ListPayoutTransactions>().Single().Context.Message;

        // What the redriven command produces once the key is fixed.
        await PublishInTurn(ListingPayoutTransactions.Listed(command));

        var saga = await WaitForState(Machine.Posted);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.FailureReason, saga.Run), Is.EqualTo(((string?)null, (string?)null, 1)));
            Assert.That((Count<ListPayoutTransactions>(), Count<PostPayoutJournal>()), Is.EqualTo((1, 1)));
        });
    }

    [Test]
    public async Task Should_resume_when_the_redriven_post_answers_and_post_nothing_twice()
    {
        World.Refuse(nameof(PostPayoutJournal), "Records do not balance");
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Failed);

        // A repeat while the flow waits in Failed asks for nothing again; then what the redrive produces.
        await PublishInTurn(Completed());
        Assert.That(Saga.Sagas.Contains(CorrelationId).CurrentState, Is.EqualTo(Machine.Failed.Name));
        await PublishInTurn(PostingPayoutJournals.Posted(CorrelationId, PayoutId));

        var saga = await WaitForState(Machine.Posted);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((saga.FailedStep, saga.JournalNumber), Is.EqualTo(((string?)null, PayoutWorld.JournalOf(PayoutId))));
            Assert.That((Count<ListPayoutTransactions>(), Count<PostPayoutJournal>()), Is.EqualTo((1, 1)));
            Assert.That(Count<FlowCompleted>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_list_anew_when_a_failed_listing_is_rerun()
    {
        World.Refuse(nameof(ListPayoutTransactions), "Stripe answered 500 five times");
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Failed);
        World.Refusals.Clear();

        await PublishInTurn(Rerun("Stripe is back"));

        var saga = await WaitForState(Machine.Posted);
        Assert.That((saga.Run, Count<ListPayoutTransactions>(), Count<PostPayoutJournal>()), Is.EqualTo((2, 2, 1)));
    }

    [Test]
    public async Task Should_reverse_a_redriven_post_that_lands_after_the_payout_failed()
    {
        World.Refuse(nameof(PostPayoutJournal), "P21 is down for maintenance");
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Failed);

        await PublishInTurn(FailedReport());
        await WaitForState(Machine.PayoutFailed);
        await PublishInTurn(PostingPayoutJournals.Posted(CorrelationId, PayoutId));

        var saga = await WaitForState(Machine.Reversed);
        Assert.That((saga.JournalNumber, saga.ReversalJournalNumber, Count<ReversePayoutJournal>()),
            Is.EqualTo((PayoutWorld.JournalOf(PayoutId), PayoutWorld.ReversalOf(PayoutId), 1)));
    }
}
