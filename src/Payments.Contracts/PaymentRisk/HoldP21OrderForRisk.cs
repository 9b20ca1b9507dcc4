using MassTransit;

namespace Payments.Contracts.PaymentRisk;

/// <summary>Put the charge's P21 sales order on hold: the risk policy asked for it.</summary>
[MessageUrn("Payments.PaymentRisk:HoldP21OrderForRisk")]
[EntityName("Payments.PaymentRisk:HoldP21OrderForRisk")]
[FaultEntityName("MassTransit:Fault--Payments.PaymentRisk:HoldP21OrderForRisk--")]
public record HoldP21OrderForRisk : CorrelatedBy<Guid>
{
    /// <summary>Of the charge's risk: <c>CorrelationKey(charge-risk, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string P21OrderNo { get; init; }
    public required string Reason { get; init; }
}
