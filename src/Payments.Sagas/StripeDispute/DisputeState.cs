using Payments.Sagas.Flows;

namespace Payments.Sagas.StripeDispute;

/// <summary>
/// The life of one Stripe dispute: the newest snapshot Stripe reported, the charge's documents, every balance transaction seen and which of them
/// are booked (by id), the hold on the P21 order, and the evidence alert.
/// </summary>
public class DisputeState : FlowState
{
    public string DisputeId { get; set; } = null!;
    public string ChargeId { get; set; } = null!;
    public string? PaymentIntentId { get; set; }
    /// <summary>Stripe's status in the newest snapshot (an older one does not change it).</summary>
    public string Status { get; set; } = null!;
    public string? Reason { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = null!;
    public DateTime? EvidenceDueBy { get; set; }
    public DateTime LastReportedAt { get; set; }
    public string? LastStripeEventId { get; set; }

    /// <summary>Every balance transaction of the dispute seen in any snapshot (JSON; they never change once created).</summary>
    public string BalanceTransactions { get; set; } = "[]";
    /// <summary>Balance transaction ids whose journal was asked for, space-separated.</summary>
    public string RequestedBalanceTransactionIds { get; set; } = "";
    /// <summary>Balance transaction ids whose journal P21 holds, space-separated: each is booked once.</summary>
    public string BookedBalanceTransactionIds { get; set; } = "";
    /// <summary>One line per booked balance transaction: <c>txn_… Withdrawal 880123</c>.</summary>
    public string JournalReferences { get; set; } = "";

    public DateTime? ChargeDescribedAt { get; set; }
    public string? P21OrderNo { get; set; }
    public string? ZnodeOrderNumber { get; set; }
    public int RecheckCount { get; set; }
    public Guid? RecheckTokenId { get; set; }

    public DateTime? HoldRequestedAt { get; set; }
    public DateTime? HeldAt { get; set; }
    public string? HoldMethod { get; set; }
    /// <summary>
    /// Why no hold was placed when the dispute asked for one: a Znode-origin sale has no P21 order, or the order was already on hold
    /// (starts with <see cref="DisputeBookkeeping.HoldNotPlacedNote"/>; that hold is not released when the dispute is won).
    /// </summary>
    public string? HoldNote { get; set; }
    public DateTime? ReleaseRequestedAt { get; set; }
    public DateTime? ReleasedAt { get; set; }

    public Guid? EvidenceAlertTokenId { get; set; }
    /// <summary>The <c>due_by</c> the scheduled alert is for (a new due date reschedules it).</summary>
    public DateTime? EvidenceAlertFor { get; set; }
    public DateTime? EvidenceAlertedAt { get; set; }

    /// <summary>When the dispute reached Won, Lost or Closed (and <c>FlowCompleted</c> was published).</summary>
    public DateTime? ClosedAt { get; set; }
}
