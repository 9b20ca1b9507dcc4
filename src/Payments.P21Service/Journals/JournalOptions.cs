using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Payments.P21Service.Journals;

/// <summary>The <c>P21:Journals</c> section: where a paid order's money is booked in P21's general ledger.</summary>
public sealed class JournalOptions
{
    public const string Section = "P21:Journals";

    /// <summary>The account debited with the money received, e.g. a Stripe clearing account (<c>account_number</c>, at most 32 characters).</summary>
    [Required(ErrorMessage = "{0} is required (the GL account debited with a paid order's money, e.g. a Stripe clearing account).")]
    [MaxLength(32, ErrorMessage = "{0} has at most 32 characters (P21's account_number).")]
    public string DebitAccount { get; set; } = "";

    /// <summary>The account credited, e.g. customer deposits or web sales.</summary>
    [Required(ErrorMessage = "{0} is required (the GL account credited with a paid order's money, e.g. customer deposits).")]
    [MaxLength(32, ErrorMessage = "{0} has at most 32 characters (P21's account_number).")]
    public string CreditAccount { get; set; } = "";

    /// <summary>P21's journal the entries go to (<c>journal_id</c>, at most two characters).</summary>
    [Required(ErrorMessage = "{0} is required (a P21 journal id, at most two characters).")]
    [MaxLength(2, ErrorMessage = "{0} has at most 2 characters (P21's journal_id).")]
    public string JournalId { get; set; } = "";

    /// <summary>
    /// The <c>gl</c> column that keeps the entry's reference (derived from the Znode order number and the PaymentIntent), looked up
    /// before posting so a redelivery finds the entry instead of posting another. The other column gets a readable text.
    /// </summary>
    [AllowedValues("source", "description", ErrorMessage = "{0} must be source or description.")]
    public string ReferenceField { get; set; } = "source";

    /// <summary>The currency P21's ledger is kept in. A payment in another currency is refused: no exchange rate is known here.</summary>
    [RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "{0} must be an ISO 4217 code, e.g. USD.")]
    public string LedgerCurrency { get; set; } = "USD";

    /// <summary>The month the fiscal year starts in (1 = January: period = calendar month).</summary>
    [Range(1, 12, ErrorMessage = "{0} must be a month, 1 to 12.")]
    public int FiscalYearStartMonth { get; set; } = 1;
}

/// <summary>The <see cref="JournalOptions"/> rule DataAnnotations cannot say.</summary>
public sealed class JournalOptionsValidator : IValidateOptions<JournalOptions>
{
    public ValidateOptionsResult Validate(string? name, JournalOptions options) =>
        !string.IsNullOrWhiteSpace(options.DebitAccount)
        && string.Equals(options.DebitAccount.Trim(), options.CreditAccount?.Trim(), StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Fail($"{JournalOptions.Section}:DebitAccount and {JournalOptions.Section}:CreditAccount are both '{options.DebitAccount}': an entry on one account moves nothing.")
            : ValidateOptionsResult.Success;
}
