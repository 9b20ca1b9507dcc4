using System.Text.Json;
using Payments.Domain.Reconciliation;
using static Payments.Domain.Tests.Reconciliation.BalanceTransactions;

namespace Payments.Domain.Tests.Reconciliation;

public class When_resuming_a_payout_between_pages
{
    static readonly BalanceTransaction[] FirstPage =
    [
        Charge("txn_a", 10_000, 320, charge: "ch_a"),
        ConvertedCharge("txn_e", 10_000, "EUR", 1.085m, 345),
        Refund("txn_r", 2_500, "ch_a"),
    ];

    static readonly BalanceTransaction[] SecondPage =
    [
        Dispute("txn_d", 5_000, 1_500, "ch_b"),
        Fee("txn_f", "stripe_fx_fee", 200),
        Charge("txn_b", 5_000, 175, charge: "ch_b"),
    ];

    const long Net = 9_680 + 10_505 - 2_500 - 6_500 - 200 + 4_825;

    [Test]
    public void Should_carry_on_from_the_stored_state_as_if_never_stopped()
    {
        var payout = Payouts.Automatic(Net);
        var orders = Payouts.Orders("ch_a");
        var uninterrupted = Payouts.Reconcile(payout, orders, FirstPage, SecondPage);

        var before = new PayoutAccumulator(payout);
        before.AddPage(FirstPage, orders);
        // Stored between pages as a flow would (a JSON column), then read back by another process.
        var stored = JsonSerializer.Serialize(before.Snapshot());
        var after = PayoutAccumulator.Resume(payout, JsonSerializer.Deserialize<PayoutAccumulatorState>(stored)!);
        after.AddPage(SecondPage, orders);
        var resumed = PayoutJournalComposer.Compose(after, GlAccounts.Chart);

        Assert.That(before.LastTransactionId, Is.EqualTo("txn_r"));
        Assert.That(after.LastTransactionId, Is.EqualTo("txn_b"));
        Assert.That(resumed.Lines, Is.EqualTo(uninterrupted.Lines));
        Assert.That(resumed.Flags, Is.EqualTo(uninterrupted.Flags));
        Assert.That(resumed.Conversions, Is.EqualTo(uninterrupted.Conversions));
        Assert.That(resumed.Fingerprint, Is.EqualTo(uninterrupted.Fingerprint));
        Assert.That(after.Snapshot().Count, Is.EqualTo(6));
    }
}
