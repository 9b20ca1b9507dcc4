using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>The payout failed after its journal was posted: post the opposite journal, at most once.</summary>
[MessageUrn("Payments.PayoutReconciliation:ReversePayoutJournal")]
[EntityName("Payments.PayoutReconciliation:ReversePayoutJournal")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:ReversePayoutJournal--")]
public record ReversePayoutJournal : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required string JournalNumber { get; init; }
    public required string Currency { get; init; }
    public string? FailureCode { get; init; }
    /// <summary>When Stripe reported the failure: the reversal is dated that day, in the ERP's zone.</summary>
    public required DateTimeOffset FailedAt { get; init; }
}
