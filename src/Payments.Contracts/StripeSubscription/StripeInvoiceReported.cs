using MassTransit;

namespace Payments.Contracts.StripeSubscription;

/// <summary>Stripe reported a subscription invoice (<c>invoice.finalized</c>, <c>.paid</c>, <c>.payment_failed</c>, <c>.voided</c>): the invoice as it is now, without its lines (read whole when paid). Invoices without a subscription are not this flow's.</summary>
[MessageUrn("Payments.StripeSubscription:StripeInvoiceReported")]
[EntityName("Payments.StripeSubscription:StripeInvoiceReported")]
[FaultEntityName("MassTransit:Fault--Payments.StripeSubscription:StripeInvoiceReported--")]
public record StripeInvoiceReported : CorrelatedBy<Guid>
{
    /// <summary>Of the subscription: <c>CorrelationKey(stripe-subscription, SubscriptionId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string InvoiceId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required string StripeEventId { get; init; }
    public required string EventType { get; init; }
    /// <summary><c>draft</c>, <c>open</c>, <c>paid</c>, <c>uncollectible</c>, <c>void</c>.</summary>
    public required string Status { get; init; }
    public string? Number { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public required long TotalMinor { get; init; }
    public required long AmountDueMinor { get; init; }
    public required long AmountPaidMinor { get; init; }
    public string? BillingReason { get; init; }
    public int AttemptCount { get; init; }
    public DateTimeOffset? NextPaymentAttempt { get; init; }
    public string? ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>Why the last payment attempt failed (the charge's or payment intent's failure message), for the failed-payment action.</summary>
    public string? FailureMessage { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    public DateTimeOffset? PeriodStart { get; init; }
    public DateTimeOffset? PeriodEnd { get; init; }
    public required DateTimeOffset InvoiceCreatedAt { get; init; }
    /// <summary>The event's <c>created</c>.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
