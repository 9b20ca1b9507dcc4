using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>Book a paid subscription invoice in P21 as the configured document (<c>P21:Subscriptions:Document</c>: sales order or invoice), items mapped from Stripe prices/products through <c>P21:Subscriptions:Items</c>. Idempotent by the invoice id. A line with no P21 item is a permanent failure naming the price and product (fault queue; redriven once the mapping exists).</summary>
[MessageUrn("Payments.StripeSubscription:PostSubscriptionInvoice")]
[EntityName("Payments.StripeSubscription:PostSubscriptionInvoice")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:PostSubscriptionInvoice--")]
public record PostSubscriptionInvoice : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required SubscriptionInvoice Invoice { get; init; }
    /// <summary>From the customer link when there is one; else the P21 service resolves the customer as charge-to-order does.</summary>
    public long? P21CustomerId { get; init; }
}
