using Payments.Contracts.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

/// <summary>The same dispute reported in Stripe's order, out of it, and with repeats: the same bookings, each once.</summary>
public class When_dispute_events_arrive_out_of_order_or_twice : DisputeSpec
{
    static StripeDisputeReported Created => Reported("charge.dispute.created", "needs_response", 0);
    static StripeDisputeReported Withdrawn => Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal());
    static StripeDisputeReported Reinstated => Reported("charge.dispute.funds_reinstated", "won", 9, transactions: [Withdrawal(), Reinstatement()]);
    static StripeDisputeReported ClosedWon => Reported("charge.dispute.closed", "won", 10, transactions: [Withdrawal(), Reinstatement()]);

    static readonly (string, string, long, long)[] ExpectedBookings =
        [("txn_withdrawal", "Withdrawal", -10_000L, 1_500L), ("txn_reinstatement", "Reinstatement", 10_000L, -1_500L)];

    [Test]
    public async Task Should_book_the_same_in_Stripes_order()
    {
        await PublishInTurn(Created, Withdrawn, Reinstated, ClosedWon);

        await AssertWonOnce();
    }

    [Test]
    public async Task Should_book_the_same_when_funds_withdrawn_comes_before_created_and_closed_before_funds_reinstated()
    {
        await PublishInTurn(Withdrawn, Created, ClosedWon, Reinstated);

        await AssertWonOnce();
    }

    [Test]
    public async Task Should_book_the_same_when_every_event_comes_twice()
    {
        await PublishInTurn(Withdrawn, Withdrawn, Created, Withdrawn, ClosedWon, Reinstated, ClosedWon, Reinstated);

        await AssertWonOnce();
    }

    [Test]
    public async Task Should_book_the_same_when_the_events_race_each_other()
    {
        await Task.WhenAll(Harness.Bus.Publish(Withdrawn), Harness.Bus.Publish(Created));
        await Settled();
        await Task.WhenAll(Harness.Bus.Publish(ClosedWon), Harness.Bus.Publish(Reinstated), Harness.Bus.Publish(Withdrawn));
        await Settled();

        await AssertWonOnce();
    }

    [Test]
    public async Task Should_keep_the_newer_status_when_an_older_snapshot_arrives_last()
    {
        await PublishInTurn(Withdrawn, Reported("charge.dispute.updated", "under_review", 5, transactions: Withdrawal()), Created);

        var saga = await WaitForState(Machine.Open);
        Assert.That((saga.Status, saga.LastStripeEventId), Is.EqualTo(("under_review", "evt_charge.dispute.updated_5")));
    }

    async Task AssertWonOnce()
    {
        var saga = await WaitForState(Machine.Won);
        Assert.Multiple(() =>
        {
            Assert.That(Journals.Select(j => (j.BalanceTransactionId, j.Kind, j.AmountMinor, j.FeeMinor)), Is.EqualTo(ExpectedBookings));
            Assert.That(Harness.Published.Select<DisputeJournalPosted>().Count(), Is.EqualTo(2));
            Assert.That((Count<HoldP21OrderForDispute>(), Count<ReleaseP21OrderHold>()), Is.EqualTo((1, 1)));
            Assert.That(saga.BookedBalanceTransactionIds.Split(' ').Order(), Is.EqualTo(new[] { "txn_reinstatement", "txn_withdrawal" }));
            Assert.That(Count<Payments.Contracts.Shared.FlowCompleted>(), Is.EqualTo(1));
            Assert.That(saga.Status, Is.EqualTo("won"));
        });
    }
}
