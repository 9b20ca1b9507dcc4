using Payments.Sagas.Flows;

namespace Payments.Sagas.PayoutReconciliation;

/// <summary>
/// The life of one Stripe payout: the newest snapshot Stripe reported, the listing run and its totals and flags, the one P21 journal and its
/// reversal, and the settlement alert. The columns are read by the CLI's payout list and report (docs/payout-reconciliation.md); JSON columns are
/// System.Text.Json with its default (PascalCase) names.
/// </summary>
public class PayoutState : FlowState
{
    public string PayoutId { get; set; } = null!;
    /// <summary>Positive, in the currency's minor units: what goes to the bank.</summary>
    public long AmountMinor { get; set; }
    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; set; } = null!;
    /// <summary>Stripe's status in the newest snapshot: <c>pending</c>, <c>in_transit</c>, <c>paid</c>, <c>failed</c>, <c>canceled</c> (the last two are never undone).</summary>
    public string Status { get; set; } = null!;
    public bool Automatic { get; set; }
    /// <summary><c>not_applicable</c> (manual), <c>in_progress</c>, <c>completed</c>.</summary>
    public string ReconciliationStatus { get; set; } = null!;
    /// <summary>Stripe's <c>arrival_date</c> (UTC): when the money is expected in the bank.</summary>
    public DateTime ArrivalDate { get; set; }
    public string? Description { get; set; }
    /// <summary>The event time of the newest snapshot taken: an older one changes nothing.</summary>
    public DateTime LastReportedAt { get; set; }
    public string? LastStripeEventId { get; set; }

    public string? FailureCode { get; set; }
    public string? FailureMessage { get; set; }
    /// <summary>When Stripe reported the payout failed or canceled (the event's time): remembered while a step is on its way, the reversal's date.</summary>
    public DateTime? FailureReportedAt { get; set; }

    /// <summary>The listing asked for last (0 before the first): an answer for another run is stale.</summary>
    public int Run { get; set; }
    public DateTime? ListedAt { get; set; }
    /// <summary>JSON of <c>PayoutTotals</c>; null until listed.</summary>
    public string? Totals { get; set; }
    /// <summary>JSON list of <c>PayoutFlagItem</c> (at most <c>PayoutFlagItem.MaxCarried</c>; every one is in the Stripe service's rows).</summary>
    public string Flags { get; set; } = "[]";
    public int FlagCount { get; set; }

    public string? JournalNumber { get; set; }
    /// <summary>The P21 period, <c>yyyy-pp</c>.</summary>
    public string? Period { get; set; }
    /// <summary>JSON list of <c>PayoutJournalLine</c>; <c>[]</c> until posted.</summary>
    public string JournalLines { get; set; } = "[]";
    /// <summary>JSON list of <c>PayoutCurrencyConversion</c>; <c>[]</c> until posted, or when nothing was converted.</summary>
    public string Conversions { get; set; } = "[]";
    public string? Fingerprint { get; set; }
    public DateTime? PostedAt { get; set; }
    public string? ReversalJournalNumber { get; set; }
    public DateTime? ReversedAt { get; set; }

    public Guid? SettlementAlertTokenId { get; set; }
    public DateTime? SettlementAlertedAt { get; set; }
}
