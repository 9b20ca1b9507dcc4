using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>Stripe reported a dispute or a change of one (<c>charge.dispute.created</c>, <c>.updated</c>, <c>.funds_withdrawn</c>, <c>.funds_reinstated</c>, <c>.closed</c>): the dispute as it is now. The flow acts on the snapshot, so events in any order and repeated come to the same result.</summary>
[MessageUrn("Payments.StripeDispute:StripeDisputeReported")]
[EntityName("Payments.StripeDispute:StripeDisputeReported")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:StripeDisputeReported--")]
public record StripeDisputeReported : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeEventId { get; init; }
    public required string EventType { get; init; }
    public required string DisputeId { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>The disputed amount.</summary>
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    /// <summary><c>warning_needs_response</c>, <c>warning_under_review</c>, <c>warning_closed</c>, <c>needs_response</c>, <c>under_review</c>, <c>won</c>, <c>lost</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Stripe's <c>reason</c> (<c>fraudulent</c>, <c>product_not_received</c>, …).</summary>
    public string? Reason { get; init; }
    /// <summary><c>evidence_details.due_by</c>.</summary>
    public DateTimeOffset? EvidenceDueBy { get; init; }
    /// <summary>The dispute's <c>balance_transactions</c>: the withdrawal, and the reinstatement once won.</summary>
    public required IReadOnlyList<DisputeBalanceTransaction> BalanceTransactions { get; init; } = [];
    /// <summary>The event's <c>created</c>.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
