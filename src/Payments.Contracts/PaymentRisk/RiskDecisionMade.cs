using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>The risk policy decided for the charge: the signals it saw, the rule that fired (or none) and the actions taken. Kept per payment and announced for alerts.</summary>
[MessageUrn("Payments.PaymentRisk:RiskDecisionMade")]
[EntityName("Payments.PaymentRisk:RiskDecisionMade")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:RiskDecisionMade--")]
public record RiskDecisionMade : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    /// <summary>The rule that fired, or null when none did.</summary>
    public string? Rule { get; init; }
    /// <summary><c>ProactiveRefund</c>, <c>HoldOrder</c>, <c>Alert</c>.</summary>
    public required IReadOnlyList<string> Actions { get; init; }
    public required string Explanation { get; init; }
    /// <summary>The signals, as one readable line (risk level, score, warning, actionable, fraud type, amount).</summary>
    public required string Signals { get; init; }
    public string? WarningId { get; init; }
    public required DateTimeOffset DecidedAt { get; init; }
}
