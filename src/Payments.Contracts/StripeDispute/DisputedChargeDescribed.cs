using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Contracts.StripeDispute;

/// <summary>The disputed charge as Stripe has it now.</summary>
[MessageUrn("Payments.StripeDispute:DisputedChargeDescribed")]
[EntityName("Payments.StripeDispute:DisputedChargeDescribed")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:DisputedChargeDescribed--")]
public record DisputedChargeDescribed : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required StripeChargeFacts Charge { get; init; }
}
