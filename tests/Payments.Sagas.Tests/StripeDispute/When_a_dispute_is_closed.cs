using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Sagas.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

public class When_a_dispute_is_closed : DisputeSpec
{
    [Test]
    public async Task Should_book_the_reinstatement_then_release_the_hold_when_won()
    {
        await PublishInTurn(
            Reported("charge.dispute.created", "needs_response", 0, transactions: Withdrawal()),
            Reported("charge.dispute.updated", "under_review", 5, transactions: Withdrawal()),
            Reported("charge.dispute.funds_reinstated", "won", 9, transactions: [Withdrawal(), Reinstatement()]),
            Reported("charge.dispute.closed", "won", 10, transactions: [Withdrawal(), Reinstatement()]));

        var saga = await WaitForState(Machine.Won);
        Assert.That(await Harness.Published.Any<FlowCompleted>(), Is.True);
        var completed = Harness.Published.Select<FlowCompleted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(Journals.Select(j => (j.BalanceTransactionId, j.Kind)),
                Is.EqualTo(new[] { ("txn_withdrawal", "Withdrawal"), ("txn_reinstatement", "Reinstatement") }));
            Assert.That((Count<HoldP21OrderForDispute>(), Count<ReleaseP21OrderHold>()), Is.EqualTo((1, 1)));
            Assert.That((saga.HeldAt is not null, saga.ReleasedAt is not null), Is.EqualTo((true, true)));
            Assert.That(completed.Documents[FlowDocumentKeys.P21Journal], Is.EqualTo("JE-txn_withdrawal,JE-txn_reinstatement"));
            Assert.That(completed.Documents[FlowDocumentKeys.P21SalesOrder], Is.EqualTo("1001234"));
        });
    }

    [Test]
    public async Task Should_leave_a_hold_it_did_not_place_when_won()
    {
        World.HeldBefore["1001234"] = true;

        await PublishInTurn(
            Reported("charge.dispute.created", "needs_response", 0, transactions: Withdrawal()),
            Reported("charge.dispute.funds_reinstated", "won", 9, transactions: [Withdrawal(), Reinstatement()]),
            Reported("charge.dispute.closed", "won", 10, transactions: [Withdrawal(), Reinstatement()]));

        var saga = await WaitForState(Machine.Won);
        Assert.Multiple(() =>
        {
            Assert.That((Count<HoldP21OrderForDispute>(), Count<ReleaseP21OrderHold>()), Is.EqualTo((1, 0)), "the order was on hold before the dispute");
            Assert.That(Journals.Count(), Is.EqualTo(2));
            Assert.That((saga.HeldAt is not null, saga.ReleaseRequestedAt, saga.ReleasedAt), Is.EqualTo((true, (DateTime?)null, (DateTime?)null)));
            Assert.That(saga.HoldNote, Does.StartWith(DisputeBookkeeping.HoldNotPlacedNote).And.Contain("P21 order 1001234"));
            Assert.That(Count<FlowCompleted>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_release_only_once_the_reinstatement_arrives_when_won_is_reported_first()
    {
        await PublishInTurn(
            Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()),
            Reported("charge.dispute.closed", "won", 10, transactions: Withdrawal()));

        await WaitForState(Machine.AwaitingReinstatement);
        Assert.That(Count<ReleaseP21OrderHold>(), Is.Zero, "the money has not come back yet");

        await PublishInTurn(Reported("charge.dispute.funds_reinstated", "won", 11, transactions: [Withdrawal(), Reinstatement()]));

        await WaitForState(Machine.Won);
        Assert.That((Journals.Count(), Count<ReleaseP21OrderHold>()), Is.EqualTo((2, 1)));
    }

    [Test]
    public async Task Should_end_lost_with_the_hold_kept()
    {
        await PublishInTurn(
            Reported("charge.dispute.funds_withdrawn", "needs_response", 1, transactions: Withdrawal()),
            Reported("charge.dispute.closed", "lost", 10, transactions: Withdrawal()));

        var saga = await WaitForState(Machine.Lost);
        Assert.Multiple(() =>
        {
            Assert.That((Journals.Count(), Count<HoldP21OrderForDispute>(), Count<ReleaseP21OrderHold>()), Is.EqualTo((1, 1, 0)));
            Assert.That((saga.HeldAt is not null, saga.ReleasedAt), Is.EqualTo((true, (DateTime?)null)));
            Assert.That(Count<FlowCompleted>(), Is.EqualTo(1));
        });
    }
}
