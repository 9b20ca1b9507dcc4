using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>Stripe reported an early fraud warning from the card network (<c>radar.early_fraud_warning.created</c>, <c>.updated</c>).</summary>
[MessageUrn("Payments.PaymentRisk:EarlyFraudWarningReported")]
[EntityName("Payments.PaymentRisk:EarlyFraudWarningReported")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:EarlyFraudWarningReported--")]
public record EarlyFraudWarningReported : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeEventId { get; init; }
    public required string EventType { get; init; }
    public required string WarningId { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>Stripe's <c>actionable</c>: false once the charge is refunded or disputed.</summary>
    public required bool Actionable { get; init; }
    public required string FraudType { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
}
