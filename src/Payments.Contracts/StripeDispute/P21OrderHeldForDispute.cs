using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>The P21 order is on hold.</summary>
[MessageUrn("Payments.StripeDispute:P21OrderHeldForDispute")]
[EntityName("Payments.StripeDispute:P21OrderHeldForDispute")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:P21OrderHeldForDispute--")]
public record P21OrderHeldForDispute : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string P21OrderNo { get; init; }
    public required string HoldMethod { get; init; }
    /// <summary>
    /// Whether this command placed the hold; false when the order was already on hold (a credit hold, another flow's hold), which is then
    /// not this flow's to release. Optional, true when absent (messages sent before it existed), so the message's identity is unchanged.
    /// </summary>
    public bool PlacedHold { get; init; } = true;
}
