namespace Payments.Domain.Reconciliation;

/// <summary>
/// A Stripe balance transaction as listed for a payout (<c>GET /v1/balance_transactions?payout=po_…&amp;expand[]=data.source</c>):
/// the signed gross <c>amount</c>, the positive <c>fee</c> and its breakdown, <c>net</c> = amount − fee, all in the settlement
/// currency's minor units, with <c>exchange_rate</c> set when the money was converted.
/// </summary>
public sealed record BalanceTransaction(
    string Id,
    string Type,
    string ReportingCategory,
    long AmountMinor,
    long FeeMinor,
    long NetMinor,
    string Currency,
    IReadOnlyList<FeeDetail> FeeDetails,
    BalanceTransactionSource? Source = null,
    decimal? ExchangeRate = null)
{
    /// <summary>
    /// Refuses a transaction whose figures contradict each other, naming it: a net that is not amount − fee, fee details in
    /// another currency or not adding up to the fee. Reconciling such data would hide the error inside a total.
    /// </summary>
    public void EnsureConsistent()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(Currency);
        if (checked(AmountMinor - FeeMinor) != NetMinor)
            throw new ArgumentException($"Balance transaction {Id}: net {NetMinor} is not amount {AmountMinor} − fee {FeeMinor}.");
        if (FeeDetails.Count == 0) return;
        var other = FeeDetails.FirstOrDefault(f => !string.Equals(f.Currency, Currency, StringComparison.OrdinalIgnoreCase));
        if (other is not null)
            throw new ArgumentException($"Balance transaction {Id}: fee '{other.Type}' is in {other.Currency.ToUpperInvariant()}, the transaction in {Currency.ToUpperInvariant()}.");
        var sum = FeeDetails.Sum(f => f.AmountMinor);
        if (sum != FeeMinor)
            throw new ArgumentException($"Balance transaction {Id}: fee details sum to {sum}, the fee is {FeeMinor}.");
    }

    /// <summary>The currency the customer paid in: the source's when it was converted, otherwise the settlement currency.</summary>
    public string OriginalCurrency => (Source?.Currency ?? Currency).ToUpperInvariant();
}
