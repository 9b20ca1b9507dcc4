using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>Scheduled by the flow: the configured number of days before <c>evidence_details.due_by</c>.</summary>
[MessageUrn("Payments.StripeDispute:DisputeEvidenceDue")]
[EntityName("Payments.StripeDispute:DisputeEvidenceDue")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:DisputeEvidenceDue--")]
public record DisputeEvidenceDue : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required DateTimeOffset DueBy { get; init; }
}
