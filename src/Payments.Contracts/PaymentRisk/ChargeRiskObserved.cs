using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>A succeeded charge came with an elevated Radar risk (<c>outcome.risk_level</c> at or above the configured level): the risk policy decides.</summary>
[MessageUrn("Payments.PaymentRisk:ChargeRiskObserved")]
[EntityName("Payments.PaymentRisk:ChargeRiskObserved")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:ChargeRiskObserved--")]
public record ChargeRiskObserved : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeEventId { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    public required string RiskLevel { get; init; }
    public int? RiskScore { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
}
