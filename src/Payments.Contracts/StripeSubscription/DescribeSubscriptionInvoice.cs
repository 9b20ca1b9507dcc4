using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>Read a paid subscription invoice whole from Stripe: every line (following <c>lines.has_more</c>) with its price, product and proration.</summary>
[MessageUrn("Payments.StripeSubscription:DescribeSubscriptionInvoice")]
[EntityName("Payments.StripeSubscription:DescribeSubscriptionInvoice")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:DescribeSubscriptionInvoice--")]
public record DescribeSubscriptionInvoice : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string InvoiceId { get; init; }
}
