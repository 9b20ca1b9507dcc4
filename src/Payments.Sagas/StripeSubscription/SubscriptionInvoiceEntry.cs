using System.Text.Json;

namespace Payments.Sagas.StripeSubscription;

/// <summary>
/// One invoice of the subscription, an element of the <c>Invoices</c> column (JSON, PascalCase names): Stripe's view of it and how far its booking
/// in P21 got (<see cref="Step"/>, one of <see cref="InvoiceSteps"/>).
/// </summary>
public sealed class SubscriptionInvoiceEntry
{
    public required string InvoiceId { get; set; }
    public string? Number { get; set; }
    /// <summary>Stripe's status: <c>draft</c>, <c>open</c>, <c>paid</c>, <c>uncollectible</c>, <c>void</c> (paid and void are never undone).</summary>
    public required string Status { get; set; }
    public long TotalMinor { get; set; }
    public long AmountDueMinor { get; set; }
    public required string Currency { get; set; }
    public string? BillingReason { get; set; }
    public required string Step { get; set; }
    /// <summary>The P21 document's kind (<c>SalesOrder</c>, <c>Journal</c>) and number once posted.</summary>
    public string? DocumentKind { get; set; }
    public string? DocumentNumber { get; set; }
    public int AttemptCount { get; set; }
    /// <summary>The failed payment attempts the P21 action was sent for: once per attempt.</summary>
    public List<int> FailureActions { get; set; } = [];
    /// <summary>Why the entry is quarantined, or why the last P21 action failed (prefixed by the step).</summary>
    public string? Reason { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static List<SubscriptionInvoiceEntry> Read(string json) => JsonSerializer.Deserialize<List<SubscriptionInvoiceEntry>>(json) ?? [];

    public static string Write(IEnumerable<SubscriptionInvoiceEntry> entries) => JsonSerializer.Serialize(entries);
}

/// <summary>The steps of a subscription invoice's booking.</summary>
public static class InvoiceSteps
{
    /// <summary>Finalized (or known) and not paid yet.</summary>
    public const string Open = "Open";
    /// <summary>Paid: the Stripe service reads it whole.</summary>
    public const string Describing = "Describing";
    /// <summary>The P21 service books it.</summary>
    public const string Posting = "Posting";
    public const string Posted = "Posted";
    /// <summary>A payment attempt failed; a later <c>invoice.paid</c> still books it.</summary>
    public const string PaymentFailed = "PaymentFailed";
    /// <summary>Voided in Stripe: nothing booked.</summary>
    public const string Voided = "Voided";
    /// <summary>Reading or booking it failed for good: its command waits in the fault queue with <see cref="SubscriptionInvoiceEntry.Reason"/>.</summary>
    public const string Quarantined = "Quarantined";
}
