using Payments.Sagas.Flows;

namespace Payments.Sagas.StripeSubscription;

/// <summary>
/// One Stripe Billing subscription: the newest snapshot of it and each of its invoices with how far its booking in P21 got. The columns are read by
/// the CLI (<c>payments subscriptions list|show</c>) and the console; JSON columns are System.Text.Json with its default (PascalCase) names.
/// </summary>
public class SubscriptionState : FlowState
{
    public string SubscriptionId { get; set; } = null!;
    public string StripeCustomerId { get; set; } = null!;
    /// <summary>Stripe's status in the newest snapshot (<c>active</c>, <c>past_due</c>, <c>canceled</c>, …); null while only invoices are known.</summary>
    public string? Status { get; set; }
    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; set; } = null!;
    /// <summary>JSON list of <c>SubscriptionItem</c> (the contract), as of the newest snapshot.</summary>
    public string Items { get; set; } = "[]";
    public DateTime? CurrentPeriodStart { get; set; }
    public DateTime? CurrentPeriodEnd { get; set; }
    public bool CancelAtPeriodEnd { get; set; }
    public DateTime? CanceledAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? CancellationReason { get; set; }
    /// <summary>The event time of the newest subscription snapshot taken: an older one does not move the status. Null while only invoices are known.</summary>
    public DateTime? LastReportedAt { get; set; }
    public string? LastStripeEventId { get; set; }
    /// <summary>JSON list of <see cref="SubscriptionInvoiceEntry"/>.</summary>
    public string Invoices { get; set; } = "[]";
    public int InvoicesPosted { get; set; }
}
