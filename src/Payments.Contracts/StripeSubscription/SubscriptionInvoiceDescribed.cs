using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>The paid invoice as Stripe has it, every line included.</summary>
[MessageUrn("Payments.StripeSubscription:SubscriptionInvoiceDescribed")]
[EntityName("Payments.StripeSubscription:SubscriptionInvoiceDescribed")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:SubscriptionInvoiceDescribed--")]
public record SubscriptionInvoiceDescribed : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required SubscriptionInvoice Invoice { get; init; }
}
