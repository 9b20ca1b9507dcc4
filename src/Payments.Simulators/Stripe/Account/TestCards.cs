namespace Payments.Simulators.Stripe.Account;

/// <summary>How a test card behaves when charged: approved (with a risk level), or declined with Stripe's codes and message.</summary>
public sealed record TestCard(string Brand, string Last4, string? DeclineCode = null, string? ErrorCode = null, string? Message = null, string RiskLevel = "normal")
{
    public bool Declines => DeclineCode is not null || ErrorCode is not null;
}

/// <summary>
/// Stripe's test payment methods (docs.stripe.com/testing), by the names test mode accepts: <c>pm_card_&lt;name&gt;</c> for PaymentIntents and
/// <c>tok_&lt;name&gt;</c> as a Charges API <c>source</c>. Unknown names are refused as missing objects, as Stripe does.
/// </summary>
public static class TestCards
{
    const string Declined = "Your card was declined.";

    static readonly Dictionary<string, TestCard> ByName = new(StringComparer.Ordinal)
    {
        ["visa"] = new("visa", "4242"),
        ["visa_debit"] = new("visa", "5556"),
        ["mastercard"] = new("mastercard", "4444"),
        ["amex"] = new("amex", "8431"),
        ["bypassPending"] = new("visa", "0077"),
        ["riskLevelElevated"] = new("visa", "9235", RiskLevel: "elevated"),
        ["chargeDeclined"] = new("visa", "0002", "generic_decline", "card_declined", Declined),
        ["visa_chargeDeclined"] = new("visa", "0341", "generic_decline", "card_declined", Declined),
        ["chargeCustomerFail"] = new("visa", "0341", "generic_decline", "card_declined", Declined),
        ["chargeDeclinedInsufficientFunds"] = new("visa", "9995", "insufficient_funds", "card_declined", "Your card has insufficient funds."),
        ["chargeDeclinedLostCard"] = new("visa", "9987", "lost_card", "card_declined", Declined),
        ["chargeDeclinedStolenCard"] = new("visa", "9979", "stolen_card", "card_declined", Declined),
        ["chargeDeclinedFraudulent"] = new("visa", "0019", "fraudulent", "card_declined", Declined),
        ["chargeDeclinedExpiredCard"] = new("visa", "0069", "expired_card", "expired_card", "Your card has expired."),
        ["chargeDeclinedIncorrectCvc"] = new("visa", "0127", "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        ["chargeDeclinedProcessingError"] = new("visa", "0119", null, "processing_error", "An error occurred while processing your card. Try again in a little bit."),
    };

    /// <summary>The card behind <c>pm_card_…</c>, or null.</summary>
    public static TestCard? ForPaymentMethod(string paymentMethod) =>
        paymentMethod.StartsWith("pm_card_", StringComparison.Ordinal) ? ByName.GetValueOrDefault(paymentMethod["pm_card_".Length..]) : null;

    /// <summary>The card behind <c>tok_…</c>, or null.</summary>
    public static TestCard? ForToken(string token) =>
        token.StartsWith("tok_", StringComparison.Ordinal) ? ByName.GetValueOrDefault(token["tok_".Length..]) : null;

    public static IEnumerable<string> Names => ByName.Keys;
}
