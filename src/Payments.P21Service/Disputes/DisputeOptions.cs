using System.ComponentModel.DataAnnotations;

namespace Payments.P21Service.Disputes;

/// <summary>The <c>P21:Disputes</c> section: where a dispute's money is booked in P21's general ledger (journal, reference column and ledger currency from <c>P21:Journals</c>).</summary>
public sealed class DisputeOptions
{
    public const string Section = "P21:Disputes";

    /// <summary>Debited with the disputed amount Stripe withdrew (e.g. disputed receivables), credited when it is reinstated.</summary>
    [Required(ErrorMessage = "{0} is required (the GL account the disputed amount is booked to).")]
    [MaxLength(32, ErrorMessage = "{0} has at most 32 characters (P21's account_number).")]
    public string DisputedFundsAccount { get; set; } = "";

    /// <summary>Debited with Stripe's dispute fee (credited when Stripe returns it).</summary>
    [Required(ErrorMessage = "{0} is required (the GL account Stripe's dispute fees are booked to).")]
    [MaxLength(32, ErrorMessage = "{0} has at most 32 characters (P21's account_number).")]
    public string FeeAccount { get; set; } = "";

    /// <summary>The bank clearing account the money leaves and comes back to; empty = <c>P21:Journals:DebitAccount</c> (Stripe clearing).</summary>
    [MaxLength(32, ErrorMessage = "{0} has at most 32 characters (P21's account_number).")]
    public string? ClearingAccount { get; set; }
}
