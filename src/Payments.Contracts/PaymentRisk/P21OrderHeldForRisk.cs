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
    /// <summary>
    /// Whether this command placed the hold; false when the order was already on hold (a credit hold, another flow's hold), which is then
    /// not this flow's to release. Optional, true when absent (messages sent before it existed), so the message's identity is unchanged.
    /// </summary>
    public bool PlacedHold { get; init; } = true;
}
