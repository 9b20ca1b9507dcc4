namespace Payments.Contracts.StripeSubscription;

/// <summary>A Stripe invoice as read whole from Stripe (every line, <c>lines.has_more</c> followed): what the P21 document is made from.</summary>
public record SubscriptionInvoice
{
    public required string InvoiceId { get; init; }
    public string? Number { get; init; }
    public required string SubscriptionId { get; init; }
    public required string StripeCustomerId { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public required long TotalMinor { get; init; }
    public required long AmountDueMinor { get; init; }
    public required long AmountPaidMinor { get; init; }
    /// <summary>Exclusive tax added on top of the lines.</summary>
    public long TaxMinor { get; init; }
    /// <summary><c>subscription_create</c>, <c>subscription_cycle</c>, <c>subscription_update</c> (mid-cycle change), …</summary>
    public string? BillingReason { get; init; }
    public required IReadOnlyList<SubscriptionInvoiceLine> Lines { get; init; }
    public string? ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? PeriodStart { get; init; }
    public DateTimeOffset? PeriodEnd { get; init; }
}
