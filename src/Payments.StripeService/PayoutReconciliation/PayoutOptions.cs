using System.ComponentModel.DataAnnotations;

namespace Payments.StripeService.PayoutReconciliation;

/// <summary>The <c>Stripe:Payouts</c> section: how a payout's balance transactions are read.</summary>
public sealed class PayoutOptions
{
    public const string Section = "Stripe:Payouts";

    /// <summary>
    /// Balance transactions per page (Stripe's <c>limit</c>, at most 100). Each page is one call, one short transaction and the only
    /// page in memory, so a smaller page holds less and commits more often; 100 makes the fewest calls.
    /// </summary>
    [Range(1, 100, ErrorMessage = "{0} must be between 1 and 100 (Stripe's largest page).")]
    public int PageSize { get; set; } = 100;
}
