using System.ComponentModel.DataAnnotations;

namespace Payments.Sagas.StripeDispute;

/// <summary>The <c>StripeDispute</c> section of the sagas service: the evidence alert and how long a dispute waits for its charge's ERP document.</summary>
public sealed class StripeDisputeOptions
{
    public const string Section = "StripeDispute";

    /// <summary>How many days before <c>evidence_details.due_by</c> <c>DisputeEvidenceDueSoon</c> goes out (at once when that day has passed).</summary>
    [Range(0, 60, ErrorMessage = "{0} must be between 0 and 60 days.")]
    public int EvidenceAlertDaysBefore { get; set; } = 3;

    /// <summary>A dispute whose charge has no ERP document yet (no P21 order, no Znode order on it) reads the charge again after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "{0} must be between one second and seven days (e.g. 00:15:00).")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Rechecks before the dispute stops in <c>NeedsAttention</c> with the reason.</summary>
    [Range(1, 1000, ErrorMessage = "{0} must be between 1 and 1000.")]
    public int MaxRechecks { get; set; } = 12;
}
