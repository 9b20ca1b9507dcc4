using Payments.Domain.Reconciliation;
using static Payments.Domain.Tests.Reconciliation.BalanceTransactions;

namespace Payments.Domain.Tests.Reconciliation;

public class When_a_payout_does_not_reconcile
{
    static readonly BalanceTransaction[] Page =
    [
        Charge("txn_a", 10_000, 320, charge: "ch_a"),
        Charge("txn_b", 5_000, 175, charge: "ch_b"),
        Refund("txn_r", 2_500, "ch_a"),
    ];

    const long Net = 9_680 + 4_825 - 2_500;

    [Test]
    public void Should_flag_a_payout_off_by_one_cent_and_not_force_it_to_balance()
    {
        var exact = Payouts.Reconcile(Payouts.Automatic(Net), Payouts.Orders("ch_a", "ch_b"), Page);
        var offByOne = Payouts.Reconcile(Payouts.Automatic(Net + 1), Payouts.Orders("ch_a", "ch_b"), Page);

        Assert.That(offByOne.Flags.Select(f => f.Kind), Is.EqualTo(new[] { PayoutFlagKind.NetMismatch }));
        Assert.That(offByOne.Flags[0].Reason, Is.EqualTo("The balance transactions' nets sum to 120.05 USD but payout po_1 is 120.06 USD (0.01 USD short)."));
        Assert.That(offByOne.CanPost, Is.False);
        // No plug line: the same lines as the payout that matches, the bank getting what the transactions say.
        Assert.That(offByOne.Lines, Is.EqualTo(exact.Lines));
        Assert.That(offByOne.IsBalanced, Is.True);
        Assert.That(exact.Flags, Is.Empty);
    }

    [Test]
    public void Should_flag_nets_that_exceed_the_payout_as_over()
    {
        var journal = Payouts.Reconcile(Payouts.Automatic(Net - 1), Payouts.Orders("ch_a", "ch_b"), Page);

        Assert.That(journal.Flags.Single().Reason, Does.EndWith("(0.01 USD over)."));
    }

    [Test]
    public void Should_flag_the_payouts_own_transaction_when_it_disagrees_with_the_payout()
    {
        var payout = Payouts.Automatic(Net);
        var own = PayoutItself(payout) with { AmountMinor = -(Net + 100), NetMinor = -(Net + 100) };

        var journal = Payouts.Reconcile(payout, Payouts.Orders("ch_a", "ch_b"), Page, [own]);

        Assert.That(journal.Flags.Single().Kind, Is.EqualTo(PayoutFlagKind.NetMismatch));
        Assert.That(journal.Flags.Single().Reason, Does.Contain("own balance transaction moves 121.05 USD"));
    }

    [Test]
    public void Should_flag_a_manual_payout()
    {
        var manual = Payouts.Automatic(Net) with { Automatic = false };

        var journal = Payouts.Reconcile(manual, Payouts.Orders());

        Assert.That(journal.Flags.Single().Kind, Is.EqualTo(PayoutFlagKind.ManualPayout));
        Assert.That(journal.Flags.Single().Reason, Does.Contain("po_1 is manual"));
        Assert.That(journal.Lines, Is.Empty);
        Assert.That(journal.CanPost, Is.False);
    }

    [Test]
    public void Should_flag_an_automatic_payout_without_transactions_of_its_own()
    {
        var payout = Payouts.Automatic(Net);

        var journal = Payouts.Reconcile(payout, Payouts.Orders(), [PayoutItself(payout)]);

        Assert.That(journal.Flags.Single().Kind, Is.EqualTo(PayoutFlagKind.ManualPayout));
        Assert.That(journal.Flags.Single().Reason, Does.Contain("no balance transactions of its own").And.Contain("120.05 USD"));
    }

    [Test]
    public void Should_flag_each_charge_without_a_known_order_once()
    {
        BalanceTransaction[] page = [.. Page, Dispute("txn_d", 5_000, 1_500, "ch_b"), Refund("txn_anon", 100, "ch_a") with { Source = null }];

        var journal = Payouts.Reconcile(Payouts.Automatic(Net - 6_500 - 100), Payouts.Orders("ch_a"), page);

        Assert.That(journal.Flags.Select(f => (f.Kind, f.ChargeId, f.BalanceTransactionId)), Is.EqualTo(new[]
        {
            (PayoutFlagKind.UnknownOrder, (string?)"ch_b", (string?)"txn_b"),
            (PayoutFlagKind.UnknownOrder, null, "txn_anon"),
        }));
        Assert.That(journal.Flags[0].Reason, Is.EqualTo("Charge ch_b (charge, balance transaction txn_b) has no known order."));
        Assert.That(journal.Flags[1].Reason, Does.Contain("txn_anon (refund) names no charge"));
    }

    [Test]
    public void Should_clear_the_flag_once_the_missing_order_landed_keeping_the_same_journal()
    {
        var payout = Payouts.Automatic(Net);
        var before = Payouts.Reconcile(payout, Payouts.Orders("ch_a"), Page);

        var cleared = before.WithOrdersKnown(Payouts.Orders("ch_a", "ch_b"));
        var rerun = Payouts.Reconcile(payout, Payouts.Orders("ch_a", "ch_b"), Page);

        Assert.That(before.CanPost, Is.False);
        Assert.That(cleared.Flags, Is.Empty);
        Assert.That(cleared.CanPost, Is.True);
        Assert.That(rerun.Lines, Is.EqualTo(before.Lines));
        Assert.That(rerun.Fingerprint, Is.EqualTo(before.Fingerprint));
        Assert.That(cleared.Fingerprint, Is.EqualTo(before.Fingerprint));
    }

    [Test]
    public void Should_keep_money_flags_when_orders_land()
    {
        var flagged = Payouts.Reconcile(Payouts.Automatic(Net + 1), Payouts.Orders(), Page);

        var reevaluated = PayoutFlags.Reevaluate(flagged.Flags, Payouts.Orders("ch_a", "ch_b"));

        Assert.That(flagged.Flags.Select(f => f.Kind), Is.EqualTo(new[] { PayoutFlagKind.NetMismatch, PayoutFlagKind.UnknownOrder, PayoutFlagKind.UnknownOrder }));
        Assert.That(reevaluated.Select(f => f.Kind), Is.EqualTo(new[] { PayoutFlagKind.NetMismatch }));
    }
}
