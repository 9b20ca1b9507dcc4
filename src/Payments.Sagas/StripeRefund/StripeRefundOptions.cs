using System.ComponentModel.DataAnnotations;

namespace Payments.Sagas.StripeRefund;

/// <summary>The <c>StripeRefund</c> section of the sagas service: how long a refund waits for its charge's ERP document.</summary>
public sealed class StripeRefundOptions
{
    public const string Section = "StripeRefund";

    /// <summary>
    /// How long after finding the refunded charge without a P21 or Znode order (the charge-to-order flow has not written it back yet) the
    /// charge is read again (<c>RecheckRefundedCharge</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "{0} must be between one second and a week (e.g. 00:15:00).")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many rechecks before the refund stops in <c>NeedsAttention</c> (0: at once). The default waits a day.</summary>
    [Range(0, 10_000, ErrorMessage = "{0} must be between 0 and 10000.")]
    public int MaxRechecks { get; set; } = 96;
}
