using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>Read the charge from Stripe for the risk policy: amount, Radar outcome, refunds, dispute, and the documents the other flows left on it.</summary>
[MessageUrn("Payments.PaymentRisk:DescribeRiskyCharge")]
[EntityName("Payments.PaymentRisk:DescribeRiskyCharge")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:DescribeRiskyCharge--")]
public record DescribeRiskyCharge : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
}
