namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Why a payout does not reconcile, in words a controller can act on.</summary>
public record PayoutFlagItem
{
    /// <summary>How many flags a message carries at most; the rest are counted, and every one is in the payout's report.</summary>
    public const int MaxCarried = 100;

    /// <summary><c>NetMismatch</c>, <c>UnknownOrder</c>, <c>ManualPayout</c>.</summary>
    public required string Kind { get; init; }
    public required string Reason { get; init; }
    public string? BalanceTransactionId { get; init; }
    public string? ChargeId { get; init; }
}
