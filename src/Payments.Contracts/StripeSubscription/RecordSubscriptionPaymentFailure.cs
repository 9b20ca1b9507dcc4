using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>A subscription payment failed: take the configured P21 action (<c>Note</c>: a note on the customer; <c>CreditHold</c>: the customer on credit hold). Idempotent by invoice and attempt.</summary>
[MessageUrn("Payments.StripeSubscription:RecordSubscriptionPaymentFailure")]
[EntityName("Payments.StripeSubscription:RecordSubscriptionPaymentFailure")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:RecordSubscriptionPaymentFailure--")]
public record RecordSubscriptionPaymentFailure : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string InvoiceId { get; init; }
    public required string StripeCustomerId { get; init; }
    public long? P21CustomerId { get; init; }
    /// <summary><c>Note</c> or <c>CreditHold</c>.</summary>
    public required string Action { get; init; }
    public required long AmountDueMinor { get; init; }
    public required string Currency { get; init; }
    public required int AttemptCount { get; init; }
    public DateTimeOffset? NextPaymentAttempt { get; init; }
    public string? FailureMessage { get; init; }
}
