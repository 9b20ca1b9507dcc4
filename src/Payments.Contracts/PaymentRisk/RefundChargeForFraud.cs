using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>Refund the whole charge before it can be disputed (reason <c>fraudulent</c>), with an idempotency key from the warning.</summary>
[MessageUrn("Payments.PaymentRisk:RefundChargeForFraud")]
[EntityName("Payments.PaymentRisk:RefundChargeForFraud")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:RefundChargeForFraud--")]
public record RefundChargeForFraud : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string WarningId { get; init; }
}
