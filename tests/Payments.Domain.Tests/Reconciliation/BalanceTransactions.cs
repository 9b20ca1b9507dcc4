using Payments.Domain.Reconciliation;

namespace Payments.Domain.Tests.Reconciliation;

/// <summary>Balance transactions shaped as Stripe lists them for a payout (signs, fees and sources as in docs/external-apis/stripe.md).</summary>
static class BalanceTransactions
{
    public static BalanceTransaction Charge(string id, long amount, long fee, string currency = "usd", string? charge = null, params FeeDetail[] details) =>
        new(id, "charge", "charge", amount, fee, amount - fee, currency,
            details.Length > 0 ? details : fee == 0 ? [] : [new FeeDetail("stripe_fee", fee, currency)],
            new BalanceTransactionSource(charge ?? "ch_" + id));

    /// <summary>A charge taken in <paramref name="originalCurrency"/> and settled in <paramref name="currency"/> at <paramref name="rate"/>.</summary>
    public static BalanceTransaction ConvertedCharge(string id, long originalAmount, string originalCurrency, decimal rate, long fee, string currency = "usd")
    {
        var settled = (long)decimal.Round(originalAmount * rate, MidpointRounding.AwayFromZero);
        return new(id, "charge", "charge", settled, fee, settled - fee, currency,
            fee == 0 ? [] : [new FeeDetail("stripe_fee", fee, currency)],
            new BalanceTransactionSource("ch_" + id, Currency: originalCurrency, AmountMinor: originalAmount), rate);
    }

    public static BalanceTransaction Refund(string id, long amount, string charge, string currency = "usd") =>
        new(id, "refund", "refund", -amount, 0, -amount, currency, [], new BalanceTransactionSource("re_" + id, ChargeId: charge, RefundId: "re_" + id));

    public static BalanceTransaction Dispute(string id, long amount, long fee, string charge, string currency = "usd") =>
        new(id, "adjustment", "dispute", -amount, fee, -amount - fee, currency,
            fee == 0 ? [] : [new FeeDetail("stripe_fee", fee, currency, "Dispute fee")],
            new BalanceTransactionSource("du_" + id, ChargeId: charge, DisputeId: "du_" + id));

    public static BalanceTransaction DisputeReversal(string id, long amount, string charge, string currency = "usd") =>
        new(id, "adjustment", "dispute_reversal", amount, 0, amount, currency, [], new BalanceTransactionSource("du_" + id, ChargeId: charge, DisputeId: "du_" + id));

    /// <summary>A standalone fee (Radar, currency conversion, tax on fees): the fee is the negative amount.</summary>
    public static BalanceTransaction Fee(string id, string type, long amount, string currency = "usd") =>
        new(id, type, "fee", -amount, 0, -amount, currency, [], null);

    public static BalanceTransaction Of(string id, string type, string category, long amount, string currency = "usd") =>
        new(id, type, category, amount, 0, amount, currency, [], new BalanceTransactionSource("src_" + id));

    /// <summary>The payout's own transaction: the money leaving the balance for the bank.</summary>
    public static BalanceTransaction PayoutItself(StripePayout payout) =>
        new("txn_" + payout.Id, "payout", "payout", -payout.AmountMinor, 0, -payout.AmountMinor, payout.Currency, [], new BalanceTransactionSource(payout.Id));
}
