namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// One row of table <c>PayoutTransactionLine</c> in the Stripe service's database: a balance transaction of the payout as the
/// listing kept it, amounts in the settlement currency's minor units.
/// </summary>
public sealed class PayoutTransactionLineRow
{
    public string PayoutId { get; set; } = "";
    public string BalanceTransactionId { get; set; } = "";
    /// <summary>Stripe's <c>type</c>: <c>charge</c>, <c>refund</c>, <c>adjustment</c>, <c>stripe_fee</c>, …</summary>
    public string Type { get; set; } = "";
    public string? ReportingCategory { get; set; }
    /// <summary>The domain's category name (<c>charge</c>, <c>refund</c>, <c>dispute_withdrawal</c>, …).</summary>
    public string Category { get; set; } = "";
    public long AmountMinor { get; set; }
    public long FeeMinor { get; set; }
    public long NetMinor { get; set; }
    /// <summary>The settlement currency, upper case.</summary>
    public string Currency { get; set; } = "";
    /// <summary>The fees by kind, <c>stripe_fee=59;application_fee=100</c>.</summary>
    public string? Fees { get; set; }
    public string? SourceId { get; set; }
    public string? ChargeId { get; set; }
    public string? P21OrderNo { get; set; }
    public string? ZnodeOrderNumber { get; set; }
    public string? OriginalCurrency { get; set; }
    public long? OriginalAmountMinor { get; set; }
    public decimal? ExchangeRate { get; set; }
    /// <summary>UTC: the balance transaction's <c>created</c>.</summary>
    public DateTime Created { get; set; }
    public string? Description { get; set; }
}
