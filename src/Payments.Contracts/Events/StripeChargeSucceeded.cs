namespace Payments.Contracts.Events;

/// <summary>Stripe reported a charge as succeeded (webhook <c>charge.succeeded</c>), verified by the gateway.</summary>
public record StripeChargeSucceeded
{
    public required Guid CorrelationId { get; init; }
    public required string StripeEventId { get; init; }
    public required bool Livemode { get; init; }
    public required PaymentDetails Payment { get; init; }
}
