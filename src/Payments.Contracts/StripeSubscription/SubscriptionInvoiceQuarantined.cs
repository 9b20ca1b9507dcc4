using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>Alert: a paid subscription invoice could not be booked in P21 (an unmapped price or product, a P21 refusal). The command waits in its fault queue with the reason; map the item (<c>payments items suggest</c>), then redrive it.</summary>
[MessageUrn("Payments.StripeSubscription:SubscriptionInvoiceQuarantined")]
[EntityName("Payments.StripeSubscription:SubscriptionInvoiceQuarantined")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:SubscriptionInvoiceQuarantined--")]
public record SubscriptionInvoiceQuarantined : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string InvoiceId { get; init; }
    public required string Step { get; init; }
    public required string Reason { get; init; }
}
