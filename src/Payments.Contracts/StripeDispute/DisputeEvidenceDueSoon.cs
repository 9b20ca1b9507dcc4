using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>Alert: a dispute's evidence is due soon and the dispute is still open.</summary>
[MessageUrn("Payments.StripeDispute:DisputeEvidenceDueSoon")]
[EntityName("Payments.StripeDispute:DisputeEvidenceDueSoon")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:DisputeEvidenceDueSoon--")]
public record DisputeEvidenceDueSoon : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset DueBy { get; init; }
    public string? P21OrderNo { get; init; }
    public string? Reason { get; init; }
}
