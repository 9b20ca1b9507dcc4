using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>Put the charge's P21 sales order on hold while the dispute is open (as configured: <c>approved</c> off, or a hold class).</summary>
[MessageUrn("Payments.StripeDispute:HoldP21OrderForDispute")]
[EntityName("Payments.StripeDispute:HoldP21OrderForDispute")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:HoldP21OrderForDispute--")]
public record HoldP21OrderForDispute : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string P21OrderNo { get; init; }
    public required string Reason { get; init; }
}
