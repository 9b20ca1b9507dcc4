using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>The Stripe service wrote the P21 order number into the charge's metadata.</summary>
[MessageUrn("Payments.ChargeToOrder:StripeChargeOrderReferenceRecorded")]
[EntityName("Payments.ChargeToOrder:StripeChargeOrderReferenceRecorded")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:StripeChargeOrderReferenceRecorded--")]
public record StripeChargeOrderReferenceRecorded : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNo { get; init; }
}
