using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>Stripe accepted the proactive refund.</summary>
[MessageUrn("Payments.PaymentRisk:ChargeRefundedForFraud")]
[EntityName("Payments.PaymentRisk:ChargeRefundedForFraud")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:ChargeRefundedForFraud--")]
public record ChargeRefundedForFraud : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string RefundId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
}
