using Payments.Domain.Reconciliation;
using static Payments.Domain.Tests.Reconciliation.BalanceTransactions;

namespace Payments.Domain.Tests.Reconciliation;

public class When_replaying_a_payout
{
    static readonly BalanceTransaction[] All =
    [
        Charge("txn_a", 10_000, 320, charge: "ch_a"),
        Charge("txn_b", 5_000, 175, charge: "ch_b"),
        Refund("txn_r", 2_500, "ch_a"),
        Dispute("txn_d", 5_000, 1_500, "ch_b"),
        Fee("txn_f", "stripe_fx_fee", 200),
        ConvertedCharge("txn_e", 10_000, "EUR", 1.085m, 345),
    ];

    const long Net = 9_680 + 4_825 - 2_500 - 6_500 - 200 + 10_505;

    [Test]
    public void Should_compose_the_same_journal_whatever_the_paging_and_order()
    {
        var payout = Payouts.Automatic(Net);
        var orders = Payouts.Orders("ch_a");

        var once = Payouts.Reconcile(payout, orders, All);
        var paged = Payouts.Reconcile(payout, orders, All[4..].Reverse(), All[2..4], All[..2].Reverse());
        var again = Payouts.Reconcile(payout, orders, All);

        Assert.That(paged.Lines, Is.EqualTo(once.Lines));
        Assert.That(paged.Flags, Is.EqualTo(once.Flags));
        Assert.That(paged.Conversions, Is.EqualTo(once.Conversions));
        Assert.That(paged.Fingerprint, Is.EqualTo(once.Fingerprint));
        Assert.That(again.Fingerprint, Is.EqualTo(once.Fingerprint));
        Assert.That(once.Fingerprint, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void Should_tell_a_different_journal_by_its_fingerprint()
    {
        var payout = Payouts.Automatic(Net);
        var original = Payouts.Reconcile(payout, Payouts.Orders(), All);

        var otherAmount = Payouts.Reconcile(payout, Payouts.Orders(), [.. All[..^1], ConvertedCharge("txn_e", 10_000, "EUR", 1.086m, 345)]);
        var otherPayout = Payouts.Reconcile(Payouts.Automatic(Net, id: "po_2"), Payouts.Orders(), All);
        var accumulator = new PayoutAccumulator(payout);
        accumulator.AddPage(All, Payouts.Orders());
        var otherPeriod = PayoutJournalComposer.Compose(accumulator, GlAccounts.Chart, fiscalYearStartMonth: 7);

        Assert.That(new[] { otherAmount.Fingerprint, otherPayout.Fingerprint, otherPeriod.Fingerprint }, Has.None.EqualTo(original.Fingerprint));
    }
}
