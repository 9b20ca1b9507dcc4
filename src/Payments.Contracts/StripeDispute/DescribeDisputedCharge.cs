using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>Read the disputed charge from Stripe: amount, and the documents the other flows left on it.</summary>
[MessageUrn("Payments.StripeDispute:DescribeDisputedCharge")]
[EntityName("Payments.StripeDispute:DescribeDisputedCharge")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:DescribeDisputedCharge--")]
public record DescribeDisputedCharge : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string ChargeId { get; init; }
}
