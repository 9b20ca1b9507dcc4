using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>Alert: a subscription renewal was not paid. Published on every failed attempt, whatever P21 action is configured.</summary>
[MessageUrn("Payments.StripeSubscription:SubscriptionPaymentFailed")]
[EntityName("Payments.StripeSubscription:SubscriptionPaymentFailed")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:SubscriptionPaymentFailed--")]
public record SubscriptionPaymentFailed : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string InvoiceId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required long AmountDueMinor { get; init; }
    public required string Currency { get; init; }
    public required int AttemptCount { get; init; }
    public DateTimeOffset? NextPaymentAttempt { get; init; }
    public string? FailureMessage { get; init; }
    /// <summary>The P21 action taken as well: <c>Alert</c> (none), <c>Note</c> or <c>CreditHold</c>.</summary>
    public required string Action { get; init; }
}
