using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>The P21 action for a failed subscription payment is taken (or was already).</summary>
[MessageUrn("Payments.StripeSubscription:SubscriptionPaymentFailureRecorded")]
[EntityName("Payments.StripeSubscription:SubscriptionPaymentFailureRecorded")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:SubscriptionPaymentFailureRecorded--")]
public record SubscriptionPaymentFailureRecorded : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string InvoiceId { get; init; }
    public required string Action { get; init; }
    public required long P21CustomerId { get; init; }
    public required bool AlreadyRecorded { get; init; }
    public string? Detail { get; init; }
}
