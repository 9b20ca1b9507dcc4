namespace Payments.Simulators.Stripe.Account;

/// <summary>
/// How a test card behaves when charged: approved (with a Radar risk level), or declined with Stripe's codes and message; and what
/// follows an approved charge in test mode: a dispute (<see cref="Dispute"/>: <c>fraudulent</c> chargeback or <c>inquiry</c>), an early
/// fraud warning, or refunds that fail after they were created.
/// </summary>
public sealed record TestCard(string Brand, string Last4, string? DeclineCode = null, string? ErrorCode = null, string? Message = null, string RiskLevel = "normal")
{
    public bool Declines => DeclineCode is not null || ErrorCode is not null;

    /// <summary><c>fraudulent</c> (a chargeback: funds withdrawn with the dispute fee) or <c>inquiry</c> (no money moves); null: none.</summary>
    public string? Dispute { get; init; }

    public bool EarlyFraudWarning { get; init; }

    /// <summary>A refund of the charge is created succeeded, then fails (<c>refund.failed</c>).</summary>
    public bool RefundFails { get; init; }

    /// <summary>Radar's <c>outcome.risk_score</c> for the level: scores of 65 and up are elevated, 75 and up highest (docs.stripe.com/radar/risk-evaluation).</summary>
    public int RiskScore => RiskLevel switch { "highest" => 83, "elevated" => 67, _ => 32 };
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
        // 4000000000004954. Stripe's default Radar rule blocks highest-risk payments; the fake approves them, as an account without that rule does.
        ["riskLevelHighest"] = new("visa", "4954", RiskLevel: "highest"),
        // 4000000000000259: a fraudulent chargeback right after the payment.
        ["createDispute"] = new("visa", "0259") { Dispute = "fraudulent" },
        // 4000000000001976: an inquiry (retrieval request), no money withdrawn.
        ["createDisputeInquiry"] = new("visa", "1976") { Dispute = "inquiry" },
        // 4000000000005423: an early fraud warning after the payment (test-mode name assumed, docs/external-apis/stripe.md).
        ["createEarlyFraudWarning"] = new("visa", "5423") { EarlyFraudWarning = true },
        // 4000000000005126: refunds are created succeeded and then fail.
        ["refundFail"] = new("visa", "5126") { RefundFails = true },
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

    /// <summary>The card of a name without prefix (<c>createDispute</c>), or null.</summary>
    public static TestCard? ForName(string name) => ByName.GetValueOrDefault(name);

    public static IEnumerable<string> Names => ByName.Keys;
}
