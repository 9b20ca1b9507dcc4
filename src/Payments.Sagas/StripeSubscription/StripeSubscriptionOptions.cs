using System.ComponentModel.DataAnnotations;

namespace Payments.Sagas.StripeSubscription;

/// <summary>The <c>StripeSubscription</c> section of the sagas service: what a failed subscription payment does in P21 besides the alert.</summary>
public sealed class StripeSubscriptionOptions
{
    public const string Section = "StripeSubscription";

    public const string Alert = "Alert";
    public const string Note = "Note";
    public const string CreditHold = "CreditHold";

    /// <summary>
    /// <c>Alert</c> (the default): <c>SubscriptionPaymentFailed</c> only; <c>Note</c>: also a note on the P21 customer; <c>CreditHold</c>: also the
    /// P21 customer on credit hold. The alert goes out on every failed attempt; a P21 action once per invoice and attempt.
    /// </summary>
    [Required]
    [AllowedValues(Alert, Note, CreditHold, ErrorMessage = "{0} must be Alert, Note or CreditHold.")]
    public string PaymentFailedAction { get; set; } = Alert;
}
