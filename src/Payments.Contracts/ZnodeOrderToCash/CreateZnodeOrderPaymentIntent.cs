using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Find or create the shopper's Stripe customer and create the order's PaymentIntent (amount in the currency's minor units, the order number in metadata, an idempotency key from the order number). Refused before any Stripe call when the order has no e-mail, an unknown currency or no positive total.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:CreateZnodeOrderPaymentIntent")]
[EntityName("Payments.ZnodeOrderToCash:CreateZnodeOrderPaymentIntent")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:CreateZnodeOrderPaymentIntent--")]
public record CreateZnodeOrderPaymentIntent : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    public required ZnodeShopper Shopper { get; init; }
    public string? CurrencyCode { get; init; }
    public required decimal Total { get; init; }
    public ZnodeAddress? BillingAddress { get; init; }
    public ZnodeAddress? ShippingAddress { get; init; }
}
