using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Stripe reported the Znode order's payment as succeeded (<c>payment_intent.succeeded</c> or <c>charge.succeeded</c> carrying the order number).</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPaymentSucceeded")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPaymentSucceeded")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPaymentSucceeded--")]
public record ZnodeOrderPaymentSucceeded : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required string StripeEventId { get; init; }
    public required string PaymentIntentId { get; init; }
    /// <summary>The charge (Stripe's transaction id), when the event names it.</summary>
    public string? ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset PaidAt { get; init; }
}
