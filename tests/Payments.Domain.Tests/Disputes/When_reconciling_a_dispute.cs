using Payments.Domain.Disputes;

namespace Payments.Domain.Tests.Disputes;

public class When_reconciling_a_dispute
{
    static readonly DisputeTransaction Withdrawal = new("txn_w", -10_000, 1_500, "USD", "dispute");
    static readonly DisputeTransaction Reinstatement = new("txn_r", 10_000, -1_500, "USD", "dispute_reversal");

    static DisputeProgress Progress(bool p21 = true, string[]? requested = null, string[]? booked = null, bool holdRequested = false, bool held = false,
        bool releaseRequested = false, bool released = false) => new()
        {
            HasP21Order = p21,
            Requested = new HashSet<string>(requested ?? []),
            Booked = new HashSet<string>(booked ?? []),
            HoldRequested = holdRequested,
            Held = held,
            ReleaseRequested = releaseRequested,
            Released = released,
        };

    [TestCase("warning_needs_response")]
    [TestCase("warning_under_review")]
    public void Should_neither_book_nor_hold_for_an_inquiry(string status)
    {
        var plan = DisputeReconciliation.Plan(status, [], Progress());

        Assert.That((plan.Phase, plan.Book.Count, plan.Hold, plan.Release, plan.Outcome), Is.EqualTo((DisputePhase.Inquiry, 0, false, false, DisputeOutcome.Inquiry)));
    }

    [Test]
    public void Should_close_an_inquiry_with_nothing_booked()
    {
        var plan = DisputeReconciliation.Plan("warning_closed", [], Progress());

        Assert.That((plan.Acts, plan.Outcome), Is.EqualTo((false, DisputeOutcome.Closed)));
    }

    [Test]
    public void Should_hold_the_order_and_book_the_withdrawal_of_an_open_dispute()
    {
        var plan = DisputeReconciliation.Plan("needs_response", [Withdrawal], Progress());

        Assert.Multiple(() =>
        {
            Assert.That(plan.Book.Select(t => (t.Id, t.Kind)), Is.EqualTo(new[] { ("txn_w", DisputeBookingKind.Withdrawal) }));
            Assert.That((plan.Hold, plan.Release, plan.Outcome), Is.EqualTo((true, false, DisputeOutcome.InProgress)));
        });
    }

    [Test]
    public void Should_hold_nothing_when_the_sale_has_no_P21_order()
    {
        var plan = DisputeReconciliation.Plan("needs_response", [Withdrawal], Progress(p21: false, requested: ["txn_w"], booked: ["txn_w"]));

        Assert.That((plan.Hold, plan.Outcome), Is.EqualTo((false, DisputeOutcome.Open)));
    }

    [Test]
    public void Should_book_nothing_already_asked_for_or_booked()
    {
        var asked = DisputeReconciliation.Plan("needs_response", [Withdrawal], Progress(requested: ["txn_w"], holdRequested: true));
        var done = DisputeReconciliation.Plan("needs_response", [Withdrawal, Withdrawal], Progress(requested: ["txn_w"], booked: ["txn_w"], holdRequested: true, held: true));

        Assert.Multiple(() =>
        {
            Assert.That((asked.Acts, asked.Outcome), Is.EqualTo((false, DisputeOutcome.InProgress)), "the journal and the hold are on their way");
            Assert.That((done.Acts, done.Outcome), Is.EqualTo((false, DisputeOutcome.Open)));
        });
    }

    [Test]
    public void Should_book_the_withdrawal_before_the_reinstatement_when_a_won_snapshot_comes_first()
    {
        var plan = DisputeReconciliation.Plan("won", [Reinstatement, Withdrawal], Progress());

        Assert.Multiple(() =>
        {
            Assert.That(plan.Book.Select(t => t.Id), Is.EqualTo(new[] { "txn_w", "txn_r" }));
            Assert.That((plan.Hold, plan.Release), Is.EqualTo((false, false)), "a dispute first seen as won is never held");
        });
    }

    [Test]
    public void Should_release_the_hold_only_once_the_reinstatement_is_booked()
    {
        var booking = DisputeReconciliation.Plan("won", [Withdrawal, Reinstatement], Progress(requested: ["txn_w", "txn_r"], booked: ["txn_w"], holdRequested: true, held: true));
        var booked = DisputeReconciliation.Plan("won", [Withdrawal, Reinstatement], Progress(requested: ["txn_w", "txn_r"], booked: ["txn_w", "txn_r"], holdRequested: true, held: true));
        var released = DisputeReconciliation.Plan("won", [Withdrawal, Reinstatement],
            Progress(requested: ["txn_w", "txn_r"], booked: ["txn_w", "txn_r"], holdRequested: true, held: true, releaseRequested: true, released: true));

        Assert.Multiple(() =>
        {
            Assert.That((booking.Release, booking.Outcome), Is.EqualTo((false, DisputeOutcome.InProgress)));
            Assert.That((booked.Release, booked.Outcome), Is.EqualTo((true, DisputeOutcome.InProgress)));
            Assert.That((released.Acts, released.Outcome), Is.EqualTo((false, DisputeOutcome.Won)));
        });
    }

    [Test]
    public void Should_wait_for_the_reinstatement_when_won_is_reported_before_the_funds_come_back()
    {
        var plan = DisputeReconciliation.Plan("won", [Withdrawal], Progress(requested: ["txn_w"], booked: ["txn_w"], holdRequested: true, held: true));

        Assert.That((plan.Release, plan.Outcome), Is.EqualTo((false, DisputeOutcome.AwaitingReinstatement)));
    }

    [Test]
    public void Should_keep_the_hold_of_a_lost_dispute_and_hold_one_first_seen_lost()
    {
        var kept = DisputeReconciliation.Plan("lost", [Withdrawal], Progress(requested: ["txn_w"], booked: ["txn_w"], holdRequested: true, held: true));
        var firstSeen = DisputeReconciliation.Plan("lost", [Withdrawal], Progress());

        Assert.Multiple(() =>
        {
            Assert.That((kept.Acts, kept.Outcome), Is.EqualTo((false, DisputeOutcome.Lost)));
            Assert.That((firstSeen.Hold, firstSeen.Release, firstSeen.Book.Count), Is.EqualTo((true, false, 1)));
        });
    }

    [Test]
    public void Should_refuse_an_unknown_status_or_reporting_category()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => DisputeReconciliation.Plan("escalated", [], Progress()), Throws.ArgumentException.With.Message.Contains("'escalated'"));
            Assert.That(() => DisputeReconciliation.Plan("needs_response", [new DisputeTransaction("txn_x", -1, 0, "USD", "charge")], Progress()),
                Throws.ArgumentException.With.Message.Contains("txn_x"));
        });
    }

    [TestCase("needs_response", true)]
    [TestCase("warning_needs_response", true)]
    [TestCase("under_review", false)]
    [TestCase("won", false)]
    public void Should_know_which_statuses_await_evidence(string status, bool awaits) =>
        Assert.That(DisputeStatuses.AwaitsEvidence(status), Is.EqualTo(awaits));
}
