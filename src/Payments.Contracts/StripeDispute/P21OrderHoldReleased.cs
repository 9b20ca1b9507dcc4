using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>The P21 order's hold is released.</summary>
[MessageUrn("Payments.StripeDispute:P21OrderHoldReleased")]
[EntityName("Payments.StripeDispute:P21OrderHoldReleased")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:P21OrderHoldReleased--")]
public record P21OrderHoldReleased : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string P21OrderNo { get; init; }
}
