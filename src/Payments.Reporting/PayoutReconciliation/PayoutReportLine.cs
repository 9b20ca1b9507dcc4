using System.Globalization;
using Payments.Domain.Reconciliation;

namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// One balance transaction of the payout as the report shows it: when, what (type, Stripe's reporting category, the category it
/// was booked under), gross, fee and net in the payout's currency, the original amount, currency and rate of a converted one,
/// and what it ties to: the charge, the P21 order, the Znode order.
/// </summary>
public sealed record PayoutReportLine(
    DateTime Created,
    string BalanceTransactionId,
    string Type,
    string? ReportingCategory,
    string Category,
    decimal Gross,
    decimal Fee,
    decimal Net,
    string Currency,
    string? Fees,
    decimal? OriginalAmount,
    string? OriginalCurrency,
    decimal? ExchangeRate,
    string? ChargeId,
    string? SourceId,
    string? P21OrderNo,
    string? ZnodeOrderNumber,
    string? Description)
{
    /// <summary>
    /// A charge, refund or dispute (what comes from an order, as <see cref="ClassifiedTransaction.NeedsOrder"/> says) for which no order is
    /// known: one of the payout's <c>UnknownOrder</c> flags, shown on its line so that every flag is in the report, however many.
    /// </summary>
    public bool OrderUnknown =>
        string.IsNullOrWhiteSpace(P21OrderNo) && string.IsNullOrWhiteSpace(ZnodeOrderNumber)
        && TransactionCategoryNames.TryParse(Category, out var category)
        && category is TransactionCategory.Charge or TransactionCategory.Refund or TransactionCategory.RefundFailure
            or TransactionCategory.DisputeWithdrawal or TransactionCategory.DisputeReinstatement;

    /// <summary>
    /// The stored fee breakdown (<c>stripe_fee=59;application_fee=100</c>, minor units) in the currency's major units, as the rest of the
    /// line: <c>stripe_fee=0.59; application_fee=1.00</c>. A part in another shape is kept as it is.
    /// </summary>
    static string? FeeDetails(string? fees, string currency)
    {
        if (string.IsNullOrWhiteSpace(fees)) return null;
        var parts = fees.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var equals = part.IndexOf('=');
            return equals > 0 && long.TryParse(part.AsSpan(equals + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minor)
                ? $"{part[..equals]}={ReportMoney.Plain(ReportMoney.ToDecimal(minor, currency), currency)}"
                : part;
        });
        return string.Join("; ", parts);
    }

    public static PayoutReportLine From(PayoutTransactionLineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var converted = row.OriginalAmountMinor is not null && !string.IsNullOrWhiteSpace(row.OriginalCurrency);
        return new PayoutReportLine(
            DateTime.SpecifyKind(row.Created, DateTimeKind.Utc),
            row.BalanceTransactionId,
            row.Type,
            row.ReportingCategory,
            row.Category,
            ReportMoney.ToDecimal(row.AmountMinor, row.Currency),
            ReportMoney.ToDecimal(row.FeeMinor, row.Currency),
            ReportMoney.ToDecimal(row.NetMinor, row.Currency),
            row.Currency.ToUpperInvariant(),
            FeeDetails(row.Fees, row.Currency),
            converted ? ReportMoney.ToDecimal(row.OriginalAmountMinor!.Value, row.OriginalCurrency!) : null,
            converted ? row.OriginalCurrency!.ToUpperInvariant() : null,
            row.ExchangeRate,
            row.ChargeId,
            row.SourceId,
            row.P21OrderNo,
            row.ZnodeOrderNumber,
            row.Description);
    }
}
