namespace Payments.StripeService.Data;

/// <summary>
/// One balance transaction of a payout as listed (table <c>PayoutTransactionLine</c>, key payout and balance transaction), with the
/// charge, P21 order and Znode order it ties to: the lines of the payout's report, which no message carries. Amounts are Stripe's,
/// in the settlement currency's minor units and signed as Stripe signs them; a converted transaction also keeps what the customer paid.
/// </summary>
public sealed class PayoutTransactionLine
{
    public required string PayoutId { get; init; }
    public required string BalanceTransactionId { get; init; }
    /// <summary>The run that last wrote the row.</summary>
    public int Run { get; set; }
    /// <summary>Stripe's <c>type</c> (<c>charge</c>, <c>refund</c>, <c>adjustment</c>, <c>payout</c>, …).</summary>
    public required string Type { get; set; }
    /// <summary>Stripe's <c>reporting_category</c>.</summary>
    public required string ReportingCategory { get; set; }
    /// <summary>The accounting group, a <c>TransactionCategoryNames</c> name (<c>charge</c>, <c>dispute_withdrawal</c>, …).</summary>
    public required string Category { get; set; }
    public long AmountMinor { get; set; }
    public long FeeMinor { get; set; }
    public long NetMinor { get; set; }
    /// <summary>The settlement currency, ISO 4217 upper case.</summary>
    public required string Currency { get; set; }
    /// <summary>The fee by kind as <c>stripe_fee=59;tax=3</c>, in Stripe's order; empty without a fee.</summary>
    public required string Fees { get; set; }
    /// <summary>Stripe's <c>source</c>: <c>ch_…</c>, <c>re_…</c>, <c>du_…</c>, <c>po_…</c>, ….</summary>
    public string? SourceId { get; set; }
    /// <summary>The charge behind it: the source itself, or the charge of a refund or dispute.</summary>
    public string? ChargeId { get; set; }
    /// <summary>From the charge's metadata (<c>p21_order_no</c>) when the transaction was listed.</summary>
    public string? P21OrderNo { get; set; }
    /// <summary>From the charge's metadata (<c>Stripe:PaymentIntents:OrderNumberMetadataKey</c>) when the transaction was listed.</summary>
    public string? ZnodeOrderNumber { get; set; }
    /// <summary>Of a converted transaction (<see cref="ExchangeRate"/> set): the currency the customer paid in, upper case; null otherwise.</summary>
    public string? OriginalCurrency { get; set; }
    /// <summary>Of a converted transaction: the amount in <see cref="OriginalCurrency"/>, signed like <see cref="AmountMinor"/>.</summary>
    public long? OriginalAmountMinor { get; set; }
    /// <summary>Stripe's <c>exchange_rate</c>: original major units × rate = settlement major units.</summary>
    public decimal? ExchangeRate { get; set; }
    /// <summary>The transaction's <c>created</c>, UTC.</summary>
    public DateTime Created { get; set; }
    public string? Description { get; set; }
}
