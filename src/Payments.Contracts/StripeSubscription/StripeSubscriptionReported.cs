using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>Stripe reported a subscription (<c>customer.subscription.created</c>, <c>.updated</c>, <c>.deleted</c>): the subscription as it is now. Snapshot-driven: an older report changes nothing.</summary>
[MessageUrn("Payments.StripeSubscription:StripeSubscriptionReported")]
[EntityName("Payments.StripeSubscription:StripeSubscriptionReported")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:StripeSubscriptionReported--")]
public record StripeSubscriptionReported : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required string StripeEventId { get; init; }
    public required string EventType { get; init; }
    /// <summary><c>incomplete</c>, <c>trialing</c>, <c>active</c>, <c>past_due</c>, <c>unpaid</c>, <c>paused</c>, <c>canceled</c>, <c>incomplete_expired</c>.</summary>
    public required string Status { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public IReadOnlyList<SubscriptionItem> Items { get; init; } = [];
    public DateTimeOffset? CurrentPeriodStart { get; init; }
    public DateTimeOffset? CurrentPeriodEnd { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary><c>cancellation_details.reason</c> (<c>cancellation_requested</c>, <c>payment_failed</c>, …) and the customer's comment.</summary>
    public string? CancellationReason { get; init; }
    public string? CancellationComment { get; init; }
    public required DateTimeOffset SubscriptionCreatedAt { get; init; }
    /// <summary>The event's <c>created</c>: a later snapshot supersedes an earlier one.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
