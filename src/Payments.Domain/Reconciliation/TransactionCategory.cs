namespace Payments.Domain.Reconciliation;

/// <summary>
/// The accounting groups a payout's balance transactions fall into (docs/external-apis/stripe.md#reporting-categories-and-fee-types).
/// The order is the order of the journal's lines.
/// </summary>
public enum TransactionCategory
{
    /// <summary>Sales: charges and payments, less uncaptured parts and failed delayed payments.</summary>
    Charge,
    Refund,
    /// <summary>A refund the customer's bank could not take: the money came back.</summary>
    RefundFailure,
    /// <summary>Funds withdrawn for a dispute (chargeback).</summary>
    DisputeWithdrawal,
    /// <summary>Funds returned when a dispute was won.</summary>
    DisputeReinstatement,
    /// <summary>A standalone Stripe fee (Radar, Billing, currency conversion, tax on fees); its kind is its type.</summary>
    Fee,
    Adjustment,
    /// <summary>Connect transfers and top-ups: money moved between balances or from the bank.</summary>
    Transfer,
    /// <summary>The payout's own transaction (the money to the bank) and returns of earlier payouts.</summary>
    Payout,
    Other,
}

/// <summary>The names rules and reports use for <see cref="TransactionCategory"/>, in Stripe's snake case.</summary>
public static class TransactionCategoryNames
{
    static readonly Dictionary<TransactionCategory, string> Names = new()
    {
        [TransactionCategory.Charge] = "charge",
        [TransactionCategory.Refund] = "refund",
        [TransactionCategory.RefundFailure] = "refund_failure",
        [TransactionCategory.DisputeWithdrawal] = "dispute_withdrawal",
        [TransactionCategory.DisputeReinstatement] = "dispute_reinstatement",
        [TransactionCategory.Fee] = "fee",
        [TransactionCategory.Adjustment] = "adjustment",
        [TransactionCategory.Transfer] = "transfer",
        [TransactionCategory.Payout] = "payout",
        [TransactionCategory.Other] = "other",
    };

    public static string Name(this TransactionCategory category) => Names[category];

    public static bool TryParse(string? name, out TransactionCategory category)
    {
        foreach (var (value, text) in Names)
        {
            if (string.Equals(text, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = value;
                return true;
            }
        }
        category = default;
        return false;
    }

    public static IReadOnlyCollection<string> All => Names.Values;
}
