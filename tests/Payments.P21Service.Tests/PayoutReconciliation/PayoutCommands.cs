using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Domain.Reconciliation;

namespace Payments.P21Service.Tests.PayoutReconciliation;

/// <summary>
/// A payout's commands built as the flow builds them: the domain's <see cref="PayoutAccumulator"/> run over the balance transactions (as the
/// Stripe service does page by page), its <see cref="PayoutAccumulator.Snapshot"/> turned into the contract's <see cref="PayoutTotals"/>.
/// </summary>
static class PayoutCommands
{
    public static PostPayoutJournal Post(string payoutId, long amountMinor, string currency, DateTimeOffset arrivalDate, params BalanceTransaction[] transactions)
    {
        var accumulator = new PayoutAccumulator(new StripePayout(payoutId, amountMinor, currency, DateOnly.FromDateTime(arrivalDate.UtcDateTime), Automatic: true));
        // Every charge has its order: a payout with unknown orders is flagged by the flow and never sent to be posted.
        var charges = transactions.Select(t => BalanceTransactionClassifier.Classify(t).ChargeId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var page in transactions.Chunk(2)) accumulator.AddPage(page, charges);
        return new PostPayoutJournal
        {
            CorrelationId = CorrelationKey.StripePayout(payoutId).ToGuid(), PayoutId = payoutId, AmountMinor = amountMinor, Currency = currency.ToUpperInvariant(),
            ArrivalDate = arrivalDate, Totals = ToTotals(accumulator.Snapshot()),
        };
    }

    public static ReversePayoutJournal Reverse(PostPayoutJournal posted, string journalNumber, DateTimeOffset failedAt) => new()
    {
        CorrelationId = posted.CorrelationId, PayoutId = posted.PayoutId, JournalNumber = journalNumber, Currency = posted.Currency, FailureCode = "account_closed",
        FailedAt = failedAt,
    };

    /// <summary>The accumulator's state as the contract carries it (what the Stripe service puts in <c>PayoutTransactionsListed</c>).</summary>
    public static PayoutTotals ToTotals(PayoutAccumulatorState state) => new()
    {
        Count = state.Count,
        NetMinor = state.NetMinor,
        OwnTransactionAmountMinor = state.OwnTransactionAmountMinor,
        Gross = state.Gross.Select(g => new PayoutGrossTotal
        {
            Category = g.Category.Name(), Type = g.Type, Currency = g.Currency, SettlementMinor = g.SettlementMinor, OriginalMinor = g.OriginalMinor, Count = g.Count,
            ConvertedCount = g.ConvertedCount, MinRate = g.MinRate, MaxRate = g.MaxRate,
        }).ToList(),
        Fees = new Dictionary<string, long>(state.Fees),
        LastTransactionId = state.LastTransactionId,
    };

    public static BalanceTransaction Charge(string id, long amount, long stripeFee, string charge, string currency = "usd", long applicationFee = 0) =>
        new(id, "charge", "charge", amount, stripeFee + applicationFee, amount - stripeFee - applicationFee, currency,
            Fees(currency, ("stripe_fee", stripeFee), ("application_fee", applicationFee)), new BalanceTransactionSource(charge, ChargeId: charge));

    /// <summary>A charge paid in <paramref name="originalCurrency"/> and settled in USD at <paramref name="rate"/>.</summary>
    public static BalanceTransaction ConvertedCharge(string id, long originalAmount, string originalCurrency, decimal rate, long stripeFee, string charge)
    {
        var settled = (long)decimal.Round(originalAmount * rate, 0, MidpointRounding.ToEven);
        return new(id, "charge", "charge", settled, stripeFee, settled - stripeFee, "usd", Fees("usd", ("stripe_fee", stripeFee)),
            new BalanceTransactionSource(charge, ChargeId: charge, Currency: originalCurrency, AmountMinor: originalAmount), rate);
    }

    public static BalanceTransaction Refund(string id, long amount, string charge, string currency = "usd") =>
        new(id, "refund", "refund", -amount, 0, -amount, currency, [], new BalanceTransactionSource("re_" + id, ChargeId: charge, RefundId: "re_" + id));

    /// <summary>Stripe withdraws the disputed amount and takes its dispute fee (a <c>stripe_fee</c> detail) in one <c>adjustment</c>.</summary>
    public static BalanceTransaction DisputeWithdrawal(string id, long amount, long disputeFee, string charge, string currency = "usd") =>
        new(id, "adjustment", "dispute", -amount, disputeFee, -amount - disputeFee, currency, Fees(currency, ("stripe_fee", disputeFee)),
            new BalanceTransactionSource("du_" + id, ChargeId: charge, DisputeId: "du_" + id));

    public static BalanceTransaction Adjustment(string id, long amount, string currency = "usd") =>
        new(id, "adjustment", "other_adjustment", amount, 0, amount, currency, []);

    /// <summary>The payout's own transaction: the money to the bank.</summary>
    public static BalanceTransaction PayoutItself(string payoutId, long amount, string currency = "usd") =>
        new("txn_" + payoutId, "payout", "payout", -amount, 0, -amount, currency, [], new BalanceTransactionSource(payoutId));

    static FeeDetail[] Fees(string currency, params (string Kind, long Amount)[] fees) =>
        fees.Where(f => f.Amount != 0).Select(f => new FeeDetail(f.Kind, f.Amount, currency)).ToArray();
}
