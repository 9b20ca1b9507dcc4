using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

public class When_a_dispute_is_an_inquiry : DisputeSpec
{
    [Test]
    public async Task Should_move_no_money_and_hold_nothing()
    {
        await PublishInTurn(
            Reported("charge.dispute.created", "warning_needs_response", 0),
            Reported("charge.dispute.updated", "warning_under_review", 5));

        var saga = await WaitForState(Machine.Inquiry);
        Assert.Multiple(() =>
        {
            Assert.That(Count<PostDisputeJournal>(), Is.Zero);
            Assert.That(Count<HoldP21OrderForDispute>(), Is.Zero);
            Assert.That((saga.Status, saga.HoldRequestedAt, saga.BookedBalanceTransactionIds), Is.EqualTo(("warning_under_review", (DateTime?)null, "")));
            Assert.That(saga.P21OrderNo, Is.EqualTo("1001234"), "the charge was read");
        });
    }

    [Test]
    public async Task Should_close_with_nothing_booked_when_the_inquiry_closes()
    {
        await PublishInTurn(
            Reported("charge.dispute.created", "warning_needs_response", 0),
            Reported("charge.dispute.closed", "warning_closed", 5));

        var saga = await WaitForState(Machine.Closed);
        Assert.That(await Harness.Published.Any<FlowCompleted>(), Is.True);
        var completed = Harness.Published.Select<FlowCompleted>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(Count<PostDisputeJournal>() + Count<HoldP21OrderForDispute>() + Count<ReleaseP21OrderHold>(), Is.Zero);
            Assert.That(completed.Documents, Does.Not.ContainKey(FlowDocumentKeys.P21Journal));
            Assert.That((completed.Documents[FlowDocumentKeys.StripeDispute], completed.Subject), Is.EqualTo((DisputeId, $"stripe-dispute:{DisputeId}")));
            Assert.That(saga.ClosedAt, Is.Not.Null);
        });
    }

    [Test]
    public async Task Should_not_wait_for_an_ERP_document_that_an_inquiry_does_not_need()
    {
        World.Charges[ChargeId] = Charge(p21OrderNo: null);

        await PublishInTurn(Reported("charge.dispute.created", "warning_needs_response", 0));

        await WaitForState(Machine.Inquiry);
        Assert.That(Count<DescribeDisputedCharge>(), Is.EqualTo(1));
    }
}
