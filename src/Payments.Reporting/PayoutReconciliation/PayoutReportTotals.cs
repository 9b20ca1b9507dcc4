using Payments.Contracts.PayoutReconciliation;
using Payments.Domain.Reconciliation;

namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// A payout's totals as a controller reads them, in the payout's currency: gross sales, refunds (refunds and failed refunds),
/// disputes (withdrawals and reinstatements), the other categories, fees by kind (positive: what Stripe took) and the net.
/// Gross sales + refunds + disputes + other − fees = net.
/// </summary>
public sealed record PayoutReportTotals(
    int Count,
    decimal GrossSales,
    decimal Refunds,
    decimal Disputes,
    IReadOnlyList<PayoutReportAmount> OtherCategories,
    IReadOnlyList<PayoutReportAmount> Fees,
    decimal Net)
{
    public decimal FeesTotal => Fees.Sum(f => f.Amount);

    /// <summary>The listing's totals (<see cref="PayoutTotals"/>, minor units of <paramref name="currency"/>) summed up by the report's groups.</summary>
    public static PayoutReportTotals From(PayoutTotals totals, string currency)
    {
        ArgumentNullException.ThrowIfNull(totals);
        long Sum(params TransactionCategory[] categories) =>
            totals.Gross.Where(g => TransactionCategoryNames.TryParse(g.Category, out var c) && categories.Contains(c)).Sum(g => g.SettlementMinor);

        var other = totals.Gross
            .Where(g => !TransactionCategoryNames.TryParse(g.Category, out var c) || !Grouped.Contains(c))
            .GroupBy(g => g.Category.Trim().ToLowerInvariant())
            // In the journal's order of categories; a name the domain does not know comes last.
            .OrderBy(g => TransactionCategoryNames.TryParse(g.Key, out var c) ? (int)c : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PayoutReportAmount(g.Key, ReportMoney.ToDecimal(g.Sum(x => x.SettlementMinor), currency)))
            .ToArray();
        var fees = totals.Fees
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new PayoutReportAmount(f.Key, ReportMoney.ToDecimal(f.Value, currency)))
            .ToArray();

        return new PayoutReportTotals(
            totals.Count,
            ReportMoney.ToDecimal(Sum(TransactionCategory.Charge), currency),
            ReportMoney.ToDecimal(Sum(TransactionCategory.Refund, TransactionCategory.RefundFailure), currency),
            ReportMoney.ToDecimal(Sum(TransactionCategory.DisputeWithdrawal, TransactionCategory.DisputeReinstatement), currency),
            other,
            fees,
            ReportMoney.ToDecimal(totals.NetMinor, currency));
    }

    static readonly TransactionCategory[] Grouped =
    [
        TransactionCategory.Charge, TransactionCategory.Refund, TransactionCategory.RefundFailure,
        TransactionCategory.DisputeWithdrawal, TransactionCategory.DisputeReinstatement,
    ];
}
