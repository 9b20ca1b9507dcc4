namespace Payments.Cli.StripeSubscription;

/// <summary>
/// The columns of the stripe-subscription saga's row (table <c>SubscriptionState</c> in the sagas' database) that
/// <c>payments subscriptions</c> reads. JSON columns (<c>Items</c>, <c>Invoices</c>) stay text here.
/// </summary>
public sealed class SubscriptionStateRow
{
    public string SubscriptionId { get; set; } = "";
    public string CurrentState { get; set; } = "";
    public string StripeCustomerId { get; set; } = "";
    /// <summary>Stripe's status: <c>active</c>, <c>past_due</c>, <c>canceled</c>, …</summary>
    public string? Status { get; set; }
    public string? Currency { get; set; }
    /// <summary>JSON list of <c>SubscriptionItem</c>.</summary>
    public string? Items { get; set; }
    public DateTime? CurrentPeriodStart { get; set; }
    public DateTime? CurrentPeriodEnd { get; set; }
    public bool CancelAtPeriodEnd { get; set; }
    public DateTime? CanceledAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? CancellationReason { get; set; }
    public DateTime? LastReportedAt { get; set; }
    /// <summary>JSON list of the invoices: <c>{InvoiceId, Number, Status, TotalMinor, AmountDueMinor, Currency, BillingReason, Step, DocumentKind, DocumentNumber, AttemptCount, FailureActions, Reason, UpdatedAt}</c>.</summary>
    public string? Invoices { get; set; }
    public int InvoicesPosted { get; set; }
    public DateTime UpdatedAt { get; set; }
}
