using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>Stripe reported a charge as succeeded (webhook <c>charge.succeeded</c>), verified by the gateway.</summary>
[MessageUrn("Payments.ChargeToOrder:StripeChargeSucceeded")]
[EntityName("Payments.ChargeToOrder:StripeChargeSucceeded")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:StripeChargeSucceeded--")]
public record StripeChargeSucceeded : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string StripeEventId { get; init; }
    public required bool Livemode { get; init; }
    public required PaymentDetails Payment { get; init; }
}
