namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// The columns of the payout-reconciliation saga's row (table <c>PayoutState</c> in the sagas' database) that the report and
/// <c>payments payouts</c> read. JSON columns stay text here; <see cref="PayoutReport.From"/> reads them.
/// </summary>
public sealed class PayoutStateRow
{
    public string PayoutId { get; set; } = "";
    public string CurrentState { get; set; } = "";
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    /// <summary>Stripe's status of the payout: <c>pending</c>, <c>in_transit</c>, <c>paid</c>, <c>failed</c>, <c>canceled</c>.</summary>
    public string Status { get; set; } = "";
    public bool Automatic { get; set; }
    /// <summary>UTC.</summary>
    public DateTime ArrivalDate { get; set; }
    public string? Description { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureMessage { get; set; }
    /// <summary>The listing's run: 1 for the first, one more for each re-run.</summary>
    public int Run { get; set; }
    /// <summary>JSON of <see cref="Contracts.PayoutReconciliation.PayoutTotals"/>; null until listed.</summary>
    public string? Totals { get; set; }
    /// <summary>JSON list of <see cref="Contracts.PayoutReconciliation.PayoutFlagItem"/> (at most <c>MaxCarried</c>).</summary>
    public string? Flags { get; set; }
    /// <summary>Every flag, also those beyond the list in <see cref="Flags"/>.</summary>
    public int FlagCount { get; set; }
    public string? JournalNumber { get; set; }
    public string? Period { get; set; }
    /// <summary>JSON list of <see cref="Contracts.PayoutReconciliation.PayoutJournalLine"/>.</summary>
    public string? JournalLines { get; set; }
    /// <summary>JSON list of <see cref="Contracts.PayoutReconciliation.PayoutCurrencyConversion"/>.</summary>
    public string? Conversions { get; set; }
    public string? ReversalJournalNumber { get; set; }
    public string? FailedStep { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>UTC: when the flow last changed.</summary>
    public DateTime UpdatedAt { get; set; }
}
