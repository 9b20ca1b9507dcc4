using Payments.Domain.P21;
using Payments.Domain.Reconciliation;
using static Payments.Domain.Tests.Reconciliation.BalanceTransactions;

namespace Payments.Domain.Tests.Reconciliation;

public class When_composing_a_payout_journal
{
    // Two sales, a partial refund of the first, a dispute of the second with its fee, a standalone Radar fee.
    static readonly BalanceTransaction[] Sales =
    [
        Charge("txn_a", 10_000, 320, charge: "ch_a"),
        Charge("txn_b", 5_000, 175, charge: "ch_b"),
        Refund("txn_r", 2_500, "ch_a"),
        Dispute("txn_d", 5_000, 1_500, "ch_b"),
        Fee("txn_f", "stripe_fee", 200),
    ];

    const long Net = 9_680 + 4_825 - 2_500 - 6_500 - 200;

    [Test]
    public void Should_credit_sales_debit_refunds_disputes_and_fees_and_put_the_net_to_the_bank()
    {
        var payout = Payouts.Automatic(Net);

        var journal = Payouts.Reconcile(payout, Payouts.Orders("ch_a", "ch_b"), Sales, [PayoutItself(payout)]);

        Assert.That(journal.Lines, Is.EqualTo(new[]
        {
            new GlJournalLine(GlAccounts.Sales, -150.00m, "Stripe charge USD"),
            new GlJournalLine(GlAccounts.Refunds, 25.00m, "Stripe refund USD"),
            new GlJournalLine(GlAccounts.Disputes, 50.00m, "Stripe dispute_withdrawal USD"),
            new GlJournalLine(GlAccounts.StripeFees, 15.00m, "Stripe fee dispute_fee"),
            new GlJournalLine(GlAccounts.StripeFees, 6.95m, "Stripe fee stripe_fee"),
            new GlJournalLine(GlAccounts.BankClearing, 53.05m, "Payout po_1 net"),
        }));
        Assert.That(journal.IsBalanced, Is.True);
        Assert.That(journal.Flags, Is.Empty);
        Assert.That(journal.CanPost, Is.True);
        Assert.That(journal.Net, Is.EqualTo(53.05m));
        Assert.That(journal.GrossByCategory[TransactionCategory.Charge], Is.EqualTo(150.00m));
        Assert.That(journal.GrossByCategory[TransactionCategory.Refund], Is.EqualTo(-25.00m));
        Assert.That(journal.GrossByCategory[TransactionCategory.DisputeWithdrawal], Is.EqualTo(-50.00m));
        Assert.That(journal.FeesByKind, Is.EqualTo(new Dictionary<string, decimal> { ["dispute_fee"] = 15.00m, ["stripe_fee"] = 6.95m }));
    }

    [Test]
    public void Should_give_each_fee_kind_its_own_account_and_every_category_its_line()
    {
        BalanceTransaction[] page =
        [
            Charge("txn_a", 10_000, 420, "usd", "ch_a",
                new FeeDetail("stripe_fee", 320, "usd"), new FeeDetail("application_fee", 70, "usd"), new FeeDetail("tax", 30, "usd")),
            Fee("txn_fx", "stripe_fx_fee", 45),
            Of("txn_rf", "refund_failure", "refund_failure", 1_000) with { Source = new BalanceTransactionSource("re_x", ChargeId: "ch_a") },
            Of("txn_dr", "adjustment", "dispute_reversal", 3_000) with { Source = new BalanceTransactionSource("du_x", ChargeId: "ch_a") },
            Of("txn_adj", "adjustment", "other_adjustment", -15),
            Of("txn_tr", "transfer", "transfer", -700),
            Of("txn_res", "reserved_funds", "risk_reserved_funds", -100),
        ];
        var net = 9_580 - 45 + 1_000 + 3_000 - 15 - 700 - 100;

        var journal = Payouts.Reconcile(Payouts.Automatic(net), Payouts.Orders("ch_a"), page);

        Assert.That(journal.Lines.Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(new[]
        {
            (GlAccounts.Sales, -100.00m),
            (GlAccounts.Refunds, -10.00m),   // the failed refund's money came back
            (GlAccounts.Disputes, -30.00m),  // the dispute was won
            (GlAccounts.Adjustments, 0.15m),
            (GlAccounts.Transfers, 7.00m),
            (GlAccounts.Other, 1.00m),
            (GlAccounts.ApplicationFees, 0.70m),
            (GlAccounts.StripeFees, 3.20m),
            (GlAccounts.FxFees, 0.45m),
            (GlAccounts.FeeTax, 0.30m),
            (GlAccounts.BankClearing, 127.20m),
        }));
        Assert.That(journal.IsBalanced, Is.True);
        Assert.That(journal.Flags, Is.Empty);
    }

    [Test]
    public void Should_net_an_uncaptured_authorisation_against_its_sale()
    {
        var payout = Payouts.Automatic(9_680 - 10_000 + 9_680);
        BalanceTransaction[] page =
        [
            Charge("txn_a", 10_000, 320, charge: "ch_a"),
            new("txn_pc", "refund", "partial_capture_reversal", -10_000, 0, -10_000, "usd", [], new BalanceTransactionSource("re_pc", ChargeId: "ch_a")),
            Charge("txn_c", 10_000, 320, charge: "ch_c"),
        ];

        var journal = Payouts.Reconcile(payout, Payouts.Orders("ch_a", "ch_c"), page);

        // The reversal lands on the sales line (it is part of the sale), which then holds only the captured charge.
        Assert.That(journal.Lines.Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(new[]
        {
            (GlAccounts.Sales, -100.00m),
            (GlAccounts.StripeFees, 6.40m),
            (GlAccounts.BankClearing, 93.60m),
        }));
        Assert.That(journal.Flags, Is.Empty);
    }

    [TestCase(1, 11, 2026)]
    [TestCase(7, 5, 2027)]
    public void Should_take_the_period_from_the_arrival_date(int fiscalYearStartMonth, int period, int year)
    {
        var accumulator = new PayoutAccumulator(Payouts.Automatic(Net));
        accumulator.AddPage(Sales, Payouts.Orders("ch_a", "ch_b"));

        var journal = PayoutJournalComposer.Compose(accumulator, GlAccounts.Chart, fiscalYearStartMonth);

        Assert.That(journal.Period, Is.EqualTo(new GlPeriod(period, year)));
        Assert.That(journal.ArrivalDate, Is.EqualTo(Payouts.ArrivalDate));
    }

    [Test]
    public void Should_name_every_missing_account_rather_than_post_part_of_the_payout()
    {
        var accumulator = new PayoutAccumulator(Payouts.Automatic(Net));
        accumulator.AddPage(Sales, Payouts.Orders("ch_a", "ch_b"));
        var chart = AccountRules.From(GlAccounts.Rules.Where(r => r.Category is not ("dispute_withdrawal" or "payout")));

        var error = Assert.Throws<MissingAccountException>(() => PayoutJournalComposer.Compose(accumulator, chart))!;

        Assert.That(error.Keys, Is.EquivalentTo(new[]
        {
            new AccountKey(TransactionCategory.DisputeWithdrawal, "adjustment", "USD"),
            new AccountKey(TransactionCategory.Payout, "payout", "USD"),
        }));
    }

    [Test]
    public void Should_refuse_a_page_with_a_transaction_in_another_currency_adding_nothing_of_it()
    {
        var accumulator = new PayoutAccumulator(Payouts.Automatic(1_000));
        accumulator.AddPage([Charge("txn_u", 1_000, 0, "usd")], Payouts.Orders());

        Assert.That(() => accumulator.AddPage([Charge("txn_u2", 2_000, 0, "usd"), Charge("txn_e", 1_000, 0, "eur")], Payouts.Orders()),
            Throws.ArgumentException.With.Message.Contains("txn_e").And.Message.Contains("EUR"));
        Assert.That((accumulator.Count, accumulator.NetMinor, accumulator.LastTransactionId), Is.EqualTo((1, 1_000L, "txn_u")));
    }
}
