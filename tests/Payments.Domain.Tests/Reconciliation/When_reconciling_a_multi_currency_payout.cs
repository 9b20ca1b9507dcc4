using Payments.Domain.P21;
using Payments.Domain.Reconciliation;
using static Payments.Domain.Tests.Reconciliation.BalanceTransactions;

namespace Payments.Domain.Tests.Reconciliation;

public class When_reconciling_a_multi_currency_payout
{
    // A USD payout of euro sales converted at two rates, a euro refund, and a dollar sale.
    static readonly BalanceTransaction[] Page =
    [
        ConvertedCharge("txn_e1", 10_000, "EUR", 1.0850m, 345),  // €100.00 → $108.50
        ConvertedCharge("txn_e2", 5_000, "EUR", 1.0900m, 188),   // €50.00 → $54.50
        new("txn_er", "refund", "refund", -2_176, 0, -2_176, "usd", [],
            new BalanceTransactionSource("re_er", ChargeId: "ch_txn_e1", Currency: "EUR", AmountMinor: 2_000), 1.0880m),  // €20.00 → $21.76
        Charge("txn_u", 2_000, 88, charge: "ch_u"),
    ];

    const long Net = 10_505 + 5_262 - 2_176 + 1_912;

    static PayoutJournal Reconcile() =>
        Payouts.Reconcile(Payouts.Automatic(Net), Payouts.Orders("ch_txn_e1", "ch_txn_e2", "ch_u"), Page);

    [Test]
    public void Should_book_the_settlement_amounts_and_keep_the_euro_amounts_beside_them()
    {
        var journal = Reconcile();

        Assert.That(journal.Lines, Is.EqualTo(new[]
        {
            new GlJournalLine(GlAccounts.Sales, -20.00m, "Stripe charge USD"),
            new GlJournalLine(GlAccounts.SalesEur, -163.00m, "Stripe charge EUR at 1.085-1.09", -150.00m, "EUR"),
            new GlJournalLine(GlAccounts.Refunds, 21.76m, "Stripe refund EUR at 1.088", 20.00m, "EUR"),
            new GlJournalLine(GlAccounts.StripeFees, 6.21m, "Stripe fee stripe_fee"),
            new GlJournalLine(GlAccounts.BankClearing, 155.03m, "Payout po_1 net"),
        }));
        Assert.That(journal.IsBalanced, Is.True);
        Assert.That(journal.Flags, Is.Empty);
    }

    [Test]
    public void Should_record_the_exchange_rates_of_each_currency()
    {
        var conversion = Reconcile().Conversions.Single();

        Assert.That(conversion.OriginalCurrency, Is.EqualTo("EUR"));
        Assert.That(conversion.OriginalAmount, Is.EqualTo(130.00m));   // 100 + 50 − 20
        Assert.That(conversion.SettlementAmount, Is.EqualTo(141.24m)); // 108.50 + 54.50 − 21.76
        Assert.That(conversion.EffectiveRate, Is.EqualTo(1.086462m));
        Assert.That((conversion.MinRate, conversion.MaxRate, conversion.Count), Is.EqualTo((1.0850m, 1.0900m, 3)));
    }

    [Test]
    public void Should_refuse_a_converted_transaction_without_its_rate()
    {
        var accumulator = new PayoutAccumulator(Payouts.Automatic(Net));

        Assert.That(() => accumulator.AddPage([ConvertedCharge("txn_x", 1_000, "EUR", 1.1m, 0) with { ExchangeRate = null }], Payouts.Orders()),
            Throws.ArgumentException.With.Message.Contains("txn_x").And.Message.Contains("exchange rate"));
    }
}
