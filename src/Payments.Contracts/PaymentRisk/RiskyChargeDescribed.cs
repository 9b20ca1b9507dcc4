using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Contracts.PaymentRisk;

/// <summary>The charge as Stripe has it now.</summary>
[MessageUrn("Payments.PaymentRisk:RiskyChargeDescribed")]
[EntityName("Payments.PaymentRisk:RiskyChargeDescribed")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:RiskyChargeDescribed--")]
public record RiskyChargeDescribed : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required StripeChargeFacts Charge { get; init; }
}
