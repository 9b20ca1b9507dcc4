using Payments.Contracts.PayoutReconciliation;
using Payments.Domain.Reconciliation;

namespace Payments.P21Service.PayoutReconciliation;

/// <summary>
/// A payout's totals as the flow carries them (<see cref="PayoutTotals"/>, what the Stripe service's accumulator held after the last page)
/// back into the domain's <see cref="PayoutAccumulatorState"/>, so <see cref="PayoutAccumulator.Resume"/> gives the same accumulator and
/// <see cref="PayoutJournalComposer"/> the same journal. The charges without an order are flags, carried beside the totals and never posted,
/// so the state has none.
/// </summary>
public static class PayoutTotalsMapping
{
    /// <summary>The state of <paramref name="totals"/>; an <see cref="ArgumentException"/> naming what the domain cannot read (an unknown category, a blank key).</summary>
    public static PayoutAccumulatorState ToAccumulatorState(this PayoutTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var gross = totals.Gross.Select(g =>
        {
            if (!TransactionCategoryNames.TryParse(g.Category, out var category))
                throw new ArgumentException($"The totals name category '{g.Category}', which is not one of {string.Join(", ", TransactionCategoryNames.All)}.", nameof(totals));
            if (string.IsNullOrWhiteSpace(g.Type) || string.IsNullOrWhiteSpace(g.Currency))
                throw new ArgumentException($"The totals of category '{g.Category}' have no type or currency.", nameof(totals));
            return new GrossTotalState(category, g.Type.Trim().ToLowerInvariant(), g.Currency.Trim().ToUpperInvariant(), g.SettlementMinor, g.OriginalMinor, g.Count,
                g.ConvertedCount, g.MinRate, g.MaxRate);
        }).ToArray();
        var duplicate = gross.GroupBy(g => (g.Category, g.Type, g.Currency)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"The totals hold {duplicate.Key.Category.Name()} '{duplicate.Key.Type}' in {duplicate.Key.Currency} more than once.", nameof(totals));
        var fees = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, amount) in totals.Fees)
        {
            if (string.IsNullOrWhiteSpace(kind)) throw new ArgumentException("The totals hold a fee without a kind.", nameof(totals));
            var key = kind.Trim().ToLowerInvariant();
            fees[key] = checked((fees.TryGetValue(key, out var sum) ? sum : 0) + amount);
        }
        return new PayoutAccumulatorState(totals.Count, totals.NetMinor, totals.OwnTransactionAmountMinor, gross, fees, [], totals.LastTransactionId);
    }
}
