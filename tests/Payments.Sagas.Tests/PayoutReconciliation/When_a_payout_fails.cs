using MassTransit.Testing;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.PayoutReconciliation;

public class When_a_payout_fails : PayoutSpec
{
    [Test]
    public async Task Should_reverse_the_posted_journal_once()
    {
        await PublishInTurn(Created(), Paid(), Completed());
        await WaitForState(Machine.Posted);

        await PublishInTurn(FailedReport(minutes: 30), FailedReport(minutes: 30), FailedReport(minutes: 31));

        var saga = await WaitForState(Machine.Reversed);
        await Settled();
        var reverse = Harness.Published.Select<ReversePayoutJournal>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((reverse.PayoutId, reverse.JournalNumber, reverse.Currency, reverse.FailureCode, reverse.FailedAt),
                Is.EqualTo((PayoutId, PayoutWorld.JournalOf(PayoutId), "USD", "account_closed", T0.AddMinutes(30))));
            Assert.That((saga.Status, saga.FailureCode, saga.FailureMessage, saga.FailureReportedAt),
                Is.EqualTo(("failed", "account_closed", "The bank account has been closed.", (DateTime?)T0.AddMinutes(30).UtcDateTime)));
            Assert.That((saga.JournalNumber, saga.ReversalJournalNumber, saga.ReversedAt is not null),
                Is.EqualTo((PayoutWorld.JournalOf(PayoutId), PayoutWorld.ReversalOf(PayoutId), true)));
            Assert.That(Count<PostPayoutJournal>(), Is.EqualTo(1));
            Assert.That(Harness.Published.Select<FlowCompleted>().Last().Context.Message.Documents[FlowDocumentKeys.P21ReversalJournal],
                Is.EqualTo(PayoutWorld.ReversalOf(PayoutId)));
        });
    }

    [Test]
    public async Task Should_not_be_undone_by_an_older_paid_snapshot()
    {
        await PublishInTurn(Created(), Paid(), Completed());
        await WaitForState(Machine.Posted);
        await PublishInTurn(FailedReport(minutes: 30));
        await WaitForState(Machine.Reversed);

        await PublishInTurn(Completed(minutes: 20), Reported("payout.updated", "paid", 40, "completed"));
        await Settled();

        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((saga.CurrentState, saga.Status), Is.EqualTo((Machine.Reversed.Name, "failed")));
            Assert.That((Count<PostPayoutJournal>(), Count<ReversePayoutJournal>()), Is.EqualTo((1, 1)));
            Assert.That(Logs.Entries.Any(e => e.Message.Contains("which is never undone")), Is.True);
        });
    }

    [Test]
    public async Task Should_post_nothing_when_it_fails_before_it_settles()
    {
        await PublishInTurn(Created(), FailedReport(minutes: 5), Completed(minutes: 1));

        var saga = await WaitForState(Machine.PayoutFailed);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((Count<ListPayoutTransactions>(), Count<PostPayoutJournal>(), Count<ReversePayoutJournal>()), Is.EqualTo((0, 0, 0)));
            Assert.That((saga.Status, saga.SettlementAlertTokenId), Is.EqualTo(("failed", (Guid?)null)), "the alert was unscheduled");
        });
    }

    [Test]
    public async Task Should_post_nothing_when_a_flagged_payout_fails()
    {
        World.FlagsByRun[1] = [UnknownOrder("ch_x")];
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Flagged);

        await PublishInTurn(FailedReport());

        await WaitForState(Machine.PayoutFailed);
        await PublishInTurn(Rerun());
        await Settled();
        Assert.That((Count<ListPayoutTransactions>(), Count<PostPayoutJournal>()), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task Should_close_it_with_nothing_posted_when_it_fails_while_listed()
    {
        World.Hold(nameof(ListPayoutTransactions));
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Listing);

        await PublishInTurn(FailedReport());
        Assert.That(Saga.Sagas.Contains(CorrelationId).CurrentState, Is.EqualTo(Machine.Listing.Name), "the listing's answer decides");
        await PublishInTurn(ListingPayoutTransactions.Listed(Harness.Published.Select<ListPayoutTransactions>().Single().Context.Message));

        var saga = await WaitForState(Machine.PayoutFailed);
        Assert.That((Count<PostPayoutJournal>(), saga.ListedAt is not null), Is.EqualTo((0, true)));
    }

    [Test]
    public async Task Should_reverse_at_once_the_journal_posted_while_it_failed()
    {
        World.Hold(nameof(PostPayoutJournal));
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Posting);

        await PublishInTurn(FailedReport());
        Assert.That(Saga.Sagas.Contains(CorrelationId).CurrentState, Is.EqualTo(Machine.Posting.Name));
        await PublishInTurn(PostingPayoutJournals.Posted(CorrelationId, PayoutId));

        var saga = await WaitForState(Machine.Reversed);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((Count<PostPayoutJournal>(), Count<ReversePayoutJournal>()), Is.EqualTo((1, 1)));
            Assert.That((saga.JournalNumber, saga.ReversalJournalNumber), Is.EqualTo((PayoutWorld.JournalOf(PayoutId), PayoutWorld.ReversalOf(PayoutId))));
            Assert.That(Harness.Published.Select<FlowCompleted>().Count(), Is.EqualTo(1), "announced once, reversed, never as posted");
        });
    }

    [Test]
    public async Task Should_cancel_it_with_nothing_posted()
    {
        await PublishInTurn(Created(), CanceledReport(), Paid(minutes: 3));

        var saga = await WaitForState(Machine.Canceled);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That((saga.Status, saga.FailureReportedAt), Is.EqualTo(("canceled", (DateTime?)T0.AddMinutes(5).UtcDateTime)));
            Assert.That((Count<ListPayoutTransactions>(), Count<PostPayoutJournal>()), Is.EqualTo((0, 0)));
            Assert.That(MachineLogs(LogLevel.Warning), Is.Empty);
        });
    }

    [Test]
    public async Task Should_cancel_a_payout_first_seen_canceled()
    {
        await PublishInTurn(CanceledReport());

        var saga = await WaitForState(Machine.Canceled);
        Assert.That((saga.SettlementAlertTokenId, Count<ListPayoutTransactions>()), Is.EqualTo(((Guid?)null, 0)));
    }
}
