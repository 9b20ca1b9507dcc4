using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>The dispute was won (or was only an inquiry): release the P21 order's hold.</summary>
[MessageUrn("Payments.StripeDispute:ReleaseP21OrderHold")]
[EntityName("Payments.StripeDispute:ReleaseP21OrderHold")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:ReleaseP21OrderHold--")]
public record ReleaseP21OrderHold : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string P21OrderNo { get; init; }
}
