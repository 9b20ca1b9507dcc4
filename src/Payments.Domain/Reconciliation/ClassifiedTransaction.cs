namespace Payments.Domain.Reconciliation;

/// <summary>One fee of a balance transaction, by kind, as a positive amount in the settlement currency (an expense).</summary>
public readonly record struct FeePart(string Kind, long AmountMinor);

/// <summary>
/// A balance transaction with its accounting group, the fees it carries by kind, and the charge it traces back to (when its
/// source tells), which ties it to an order.
/// </summary>
public sealed record ClassifiedTransaction(
    BalanceTransaction Transaction,
    TransactionCategory Category,
    IReadOnlyList<FeePart> Fees,
    string? ChargeId)
{
    /// <summary>Charges, refunds and disputes come from an order; fees, transfers and payouts do not.</summary>
    public bool NeedsOrder => Category is TransactionCategory.Charge or TransactionCategory.Refund or TransactionCategory.RefundFailure
        or TransactionCategory.DisputeWithdrawal or TransactionCategory.DisputeReinstatement;
}
