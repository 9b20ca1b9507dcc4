using MassTransit.Testing;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.Sagas.Tests.PayoutReconciliation;

public class When_a_flagged_payout_is_rerun : PayoutSpec
{
    [SetUp]
    public void FirstRunLacksAnOrder() => World.FlagsByRun[1] = [UnknownOrder("ch_without_order")];

    [Test]
    public async Task Should_list_again_and_post_once_when_the_next_run_is_clean()
    {
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Flagged);

        await PublishInTurn(Rerun());

        var saga = await WaitForState(Machine.Posted);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<ListPayoutTransactions>().Select(x => x.Context.Message.Run), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(Count<PostPayoutJournal>(), Is.EqualTo(1));
            Assert.That((saga.Run, saga.FlagCount, saga.Flags, saga.JournalNumber), Is.EqualTo((2, 0, "[]", PayoutWorld.JournalOf(PayoutId))));
        });
    }

    [Test]
    public async Task Should_stay_flagged_while_the_order_is_still_missing()
    {
        World.FlagsByRun[2] = [UnknownOrder("ch_without_order")];
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Flagged);

        await PublishInTurn(Rerun());

        Assert.That(await Eventually(() => Count<PayoutReconciliationFlagged>() == 2), Is.True);
        var saga = await WaitForState(Machine.Flagged);
        Assert.That((saga.Run, Count<PostPayoutJournal>()), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task Should_send_nothing_when_rerun_after_it_was_posted()
    {
        World.FlagsByRun.Clear();
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Posted);

        await PublishInTurn(Rerun("asked twice by mistake"));
        await Settled();

        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((saga.CurrentState, saga.Run), Is.EqualTo((Machine.Posted.Name, 1)));
            Assert.That((Count<ListPayoutTransactions>(), Count<PostPayoutJournal>()), Is.EqualTo((1, 1)), "no second journal, ever");
            Assert.That(Logs.Entries.Any(e => e.Level == LogLevel.Information && e.Message.Contains("is already posted")), Is.True);
            Assert.That(MachineLogs(LogLevel.Warning), Is.Empty);
        });
    }

    [Test]
    public async Task Should_acknowledge_a_rerun_while_the_payout_is_not_settled_and_do_nothing()
    {
        await PublishInTurn(Created());
        await PublishInTurn(Rerun());
        await Settled();

        Assert.That((Saga.Sagas.Contains(CorrelationId).CurrentState, Count<ListPayoutTransactions>()), Is.EqualTo((Machine.AwaitingSettlement.Name, 0)));
        Assert.That(MachineLogs(LogLevel.Warning), Is.Empty);
    }

    [Test]
    public async Task Should_ignore_a_stale_runs_answer()
    {
        await PublishInTurn(Paid(), Completed());
        await WaitForState(Machine.Flagged);
        World.Hold(nameof(ListPayoutTransactions));
        await PublishInTurn(Rerun());
        await WaitForState(Machine.Listing);
        var run1 = Harness.Published.Select<ListPayoutTransactions>().First().Context.Message;
        var run2 = Harness.Published.Select<ListPayoutTransactions>().Last().Context.Message;

        // Run 1's answer once more (a redelivery from before the re-run): clean, but stale.
        await PublishInTurn(ListingPayoutTransactions.Listed(run1));

        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((saga.CurrentState, saga.Run, Count<PostPayoutJournal>()), Is.EqualTo((Machine.Listing.Name, 2, 0)));
            Assert.That(Logs.Entries.Any(e => e.Level == LogLevel.Information && e.Message.Contains("the listing of run 1 is stale")), Is.True);
        });

        await PublishInTurn(ListingPayoutTransactions.Listed(run2));
        await WaitForState(Machine.Posted);
        Assert.That(Count<PostPayoutJournal>(), Is.EqualTo(1));
    }
}
