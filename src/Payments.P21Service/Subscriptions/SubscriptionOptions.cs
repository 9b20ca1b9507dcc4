using System.ComponentModel.DataAnnotations;

namespace Payments.P21Service.Subscriptions;

/// <summary>What a paid Stripe Billing invoice becomes in P21. P21 has no documented invoice-create API (invoices come from shipping and invoicing inside P21), so "invoice" is not offered.</summary>
public enum SubscriptionDocument
{
    /// <summary>A Transaction API sales order with the invoice's lines and prices, as charge-to-order posts one.</summary>
    SalesOrder,
    /// <summary>A general-ledger journal: the invoice's total debited to <see cref="SubscriptionOptions.JournalDebitAccount"/>, each line credited to <see cref="SubscriptionOptions.JournalCreditAccount"/>.</summary>
    Journal,
}

/// <summary>The <c>P21:Subscriptions</c> section (src/Payments.P21Service/README.md#customers-and-subscriptions): the document, the item map, the tax item, and the failed-payment actions.</summary>
public sealed class SubscriptionOptions : IValidatableObject
{
    public const string Section = "P21:Subscriptions";

    public SubscriptionDocument Document { get; set; } = SubscriptionDocument.SalesOrder;

    /// <summary>Stripe price id (<c>price_…</c>) or product id (<c>prod_…</c>) → P21 item id; a price is looked up before its product (<c>payments items suggest</c> proposes lines).</summary>
    public Dictionary<string, string> Items { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The P21 item exclusive tax is posted as; without one an invoice carrying tax is quarantined.</summary>
    public string? TaxItemId { get; set; }

    /// <summary>The credit status a customer is set to by the <c>CreditHold</c> action (a code of the installation's <c>credit_status</c> table).</summary>
    [Required(ErrorMessage = "{0} is required (a credit_status code such as HOLD).")]
    [StringLength(8, ErrorMessage = "{0} is at most 8 characters (customer.credit_status).")]
    public string CreditHoldStatus { get; set; } = "HOLD";

    /// <summary>The Transaction API service that adds a customer note [inferred] (docs/external-apis/p21.md#customer-notes-and-credit-hold).</summary>
    [Required] public string NoteService { get; set; } = "CustomerNotepad";

    /// <summary>Its form, with <c>customer_id</c>, <c>topic</c> and <c>note</c> [inferred].</summary>
    [Required] public string NoteForm { get; set; } = "NOTEPAD.notepad";

    /// <summary>The OData table the notes are read back from, to add each once [inferred].</summary>
    [Required] public string NoteTable { get; set; } = "customer_notepad";

    /// <summary>For <see cref="SubscriptionDocument.Journal"/>: the account debited with the invoice's total (e.g. Stripe clearing).</summary>
    public string? JournalDebitAccount { get; set; }

    /// <summary>For <see cref="SubscriptionDocument.Journal"/>: the account each line is credited to (e.g. subscription revenue).</summary>
    public string? JournalCreditAccount { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Document == SubscriptionDocument.Journal && (string.IsNullOrWhiteSpace(JournalDebitAccount) || string.IsNullOrWhiteSpace(JournalCreditAccount)))
            yield return new ValidationResult($"{Section}:Document = Journal needs {Section}:JournalDebitAccount and {Section}:JournalCreditAccount.",
                [nameof(JournalDebitAccount), nameof(JournalCreditAccount)]);
        foreach (var (key, item) in Items)
        {
            if (!key.StartsWith("price_", StringComparison.Ordinal) && !key.StartsWith("prod_", StringComparison.Ordinal))
                yield return new ValidationResult($"{Section}:Items:{key}: not a Stripe price (price_…) or product (prod_…) id.", [nameof(Items)]);
            if (string.IsNullOrWhiteSpace(item) || item.Trim().Length > 40)
                yield return new ValidationResult($"{Section}:Items:{key}: '{item}' is not a P21 item id (1 to 40 characters).", [nameof(Items)]);
        }
    }
}
