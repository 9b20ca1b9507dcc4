using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>The P21 order is on hold.</summary>
[MessageUrn("Payments.PaymentRisk:P21OrderHeldForRisk")]
[EntityName("Payments.PaymentRisk:P21OrderHeldForRisk")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:P21OrderHeldForRisk--")]
public record P21OrderHeldForRisk : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string P21OrderNo { get; init; }
    public required string HoldMethod { get; init; }
}
