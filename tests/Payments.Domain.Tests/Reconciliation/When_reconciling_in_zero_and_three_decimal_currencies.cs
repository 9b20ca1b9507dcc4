using Payments.Domain.P21;
using Payments.Domain.Reconciliation;
using static Payments.Domain.Tests.Reconciliation.BalanceTransactions;

namespace Payments.Domain.Tests.Reconciliation;

public class When_reconciling_in_zero_and_three_decimal_currencies
{
    [Test]
    public void Should_book_yen_as_whole_yen()
    {
        var journal = Payouts.Reconcile(Payouts.Automatic(7_640, "jpy"), Payouts.Orders("ch_a"),
            [Charge("txn_a", 10_000, 360, "jpy", "ch_a"), Refund("txn_r", 2_000, "ch_a", "jpy")]);

        Assert.That(journal.Lines.Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(new[]
        {
            (GlAccounts.Sales, -10_000m),
            (GlAccounts.Refunds, 2_000m),
            (GlAccounts.StripeFees, 360m),
            (GlAccounts.BankClearing, 7_640m),
        }));
        Assert.That(journal.Currency, Is.EqualTo("JPY"));
        Assert.That(journal.Flags, Is.Empty);
    }

    [Test]
    public void Should_state_a_yen_mismatch_in_whole_yen()
    {
        var journal = Payouts.Reconcile(Payouts.Automatic(7_641, "jpy"), Payouts.Orders("ch_a"),
            [Charge("txn_a", 10_000, 360, "jpy", "ch_a"), Refund("txn_r", 2_000, "ch_a", "jpy")]);

        Assert.That(journal.Flags.Single().Reason, Is.EqualTo("The balance transactions' nets sum to 7640 JPY but payout po_1 is 7641 JPY (1 JPY short)."));
    }

    [Test]
    public void Should_book_dinars_with_three_decimals()
    {
        var journal = Payouts.Reconcile(Payouts.Automatic(9_970, "kwd"), Payouts.Orders("ch_a"),
            [Charge("txn_a", 12_340, 370, "kwd", "ch_a"), Refund("txn_r", 2_000, "ch_a", "kwd")]);

        Assert.That(journal.Lines, Is.EqualTo(new[]
        {
            new GlJournalLine(GlAccounts.Sales, -12.340m, "Stripe charge KWD"),
            new GlJournalLine(GlAccounts.Refunds, 2.000m, "Stripe refund KWD"),
            new GlJournalLine(GlAccounts.StripeFees, 0.370m, "Stripe fee stripe_fee"),
            new GlJournalLine(GlAccounts.BankClearing, 9.970m, "Payout po_1 net"),
        }));
        Assert.That(journal.IsBalanced, Is.True);
    }

    [Test]
    public void Should_state_a_dinar_mismatch_to_the_fils()
    {
        var journal = Payouts.Reconcile(Payouts.Automatic(9_971, "kwd"), Payouts.Orders("ch_a"),
            [Charge("txn_a", 12_340, 370, "kwd", "ch_a"), Refund("txn_r", 2_000, "ch_a", "kwd")]);

        Assert.That(journal.Flags.Single().Reason, Does.Contain("9.970 KWD but payout po_1 is 9.971 KWD (0.001 KWD short)"));
    }
}
