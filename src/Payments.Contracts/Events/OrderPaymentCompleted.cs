namespace Payments.Contracts.Events;

/// <summary>The order-payment saga finished: P21 holds the order and Stripe holds the reference to it.</summary>
public record OrderPaymentCompleted
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNo { get; init; }
    public required long CustomerId { get; init; }
}
