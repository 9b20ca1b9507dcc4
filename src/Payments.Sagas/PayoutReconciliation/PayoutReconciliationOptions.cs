using System.ComponentModel.DataAnnotations;

namespace Payments.Sagas.PayoutReconciliation;

/// <summary>The <c>PayoutReconciliation</c> section of the sagas service: when a payout that has not settled raises its alert.</summary>
public sealed class PayoutReconciliationOptions
{
    public const string Section = "PayoutReconciliation";

    /// <summary>
    /// How long after its <c>arrival_date</c> a payout may stay unsettled (not paid, or its balance transactions not complete) before
    /// <c>PayoutNotSettled</c> goes out (at once when that time has passed when the payout is first reported).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "60.00:00:00", ErrorMessage = "{0} must be between one second and 60 days (e.g. 3.00:00:00).")]
    public TimeSpan SettlementGrace { get; set; } = TimeSpan.FromDays(3);
}
