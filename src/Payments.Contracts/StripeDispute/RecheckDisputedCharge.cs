using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>Scheduled by the flow: the disputed charge had no ERP document yet; read it again.</summary>
[MessageUrn("Payments.StripeDispute:RecheckDisputedCharge")]
[EntityName("Payments.StripeDispute:RecheckDisputedCharge")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:RecheckDisputedCharge--")]
public record RecheckDisputedCharge : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required int Attempt { get; init; }
}
