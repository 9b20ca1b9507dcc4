namespace Payments.Contracts.PayoutReconciliation;

/// <summary>
/// A payout's balance transactions summed up: how many, their net, the payout's own transaction, gross by category, type and original
/// currency, and fees by kind, in the settlement currency's minor units. Its size depends on the categories, fee kinds and currencies met,
/// never on the number of transactions, so it can travel in a message where the list cannot.
/// </summary>
public record PayoutTotals
{
    /// <summary>Balance transactions other than the payout's own.</summary>
    public required int Count { get; init; }
    public required long NetMinor { get; init; }
    /// <summary>The amount of the payout's own balance transaction (negative), when it was listed.</summary>
    public long? OwnTransactionAmountMinor { get; init; }
    public required IReadOnlyList<PayoutGrossTotal> Gross { get; init; } = [];
    /// <summary>Positive fees (an expense) by kind: <c>stripe_fee</c>, <c>application_fee</c>, a standalone fee's type, …</summary>
    public required IReadOnlyDictionary<string, long> Fees { get; init; } = new Dictionary<string, long>();
    /// <summary>The last balance transaction read: the listing's cursor.</summary>
    public string? LastTransactionId { get; init; }
}
