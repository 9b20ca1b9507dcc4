namespace Payments.Contracts.Events;

/// <summary>The Stripe service wrote the P21 order number into the charge's metadata.</summary>
public record StripeChargeOrderReferenceRecorded
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNo { get; init; }
}
