namespace Payments.Contracts.PayoutReconciliation;

/// <summary>The gross of one category, type and original currency: signed settlement and original amounts, and the range of exchange rates.</summary>
public record PayoutGrossTotal
{
    /// <summary><c>charge</c>, <c>refund</c>, <c>refund_failure</c>, <c>dispute_withdrawal</c>, <c>dispute_reinstatement</c>, <c>adjustment</c>, <c>transfer</c>, <c>payout</c>, <c>other</c>.</summary>
    public required string Category { get; init; }
    /// <summary>The balance transactions' <c>type</c>.</summary>
    public required string Type { get; init; }
    /// <summary>The currency the customers paid in (upper case); the settlement currency when nothing was converted.</summary>
    public required string Currency { get; init; }
    public required long SettlementMinor { get; init; }
    public required long OriginalMinor { get; init; }
    public required int Count { get; init; }
    public required int ConvertedCount { get; init; }
    public decimal? MinRate { get; init; }
    public decimal? MaxRate { get; init; }
}
