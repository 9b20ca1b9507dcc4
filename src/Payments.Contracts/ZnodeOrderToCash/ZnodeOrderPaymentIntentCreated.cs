using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>The Stripe service created (or found, on a retry) the PaymentIntent of a Znode order.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPaymentIntentCreated")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPaymentIntentCreated")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPaymentIntentCreated--")]
public record ZnodeOrderPaymentIntentCreated : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required bool CustomerCreated { get; init; }
    /// <summary>For the shopper's browser (Stripe.js); handed to the shopper as configured, never logged.</summary>
    public required string ClientSecret { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
}
