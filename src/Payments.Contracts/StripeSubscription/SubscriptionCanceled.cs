using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>A subscription ended (canceled now or at its period end, or expired incomplete): recorded with the reason Stripe gives.</summary>
[MessageUrn("Payments.StripeSubscription:SubscriptionCanceled")]
[EntityName("Payments.StripeSubscription:SubscriptionCanceled")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:SubscriptionCanceled--")]
public record SubscriptionCanceled : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? CancellationReason { get; init; }
    public required int InvoicesPosted { get; init; }
}
