namespace Payments.Contracts.PayoutReconciliation;

/// <summary>One line of a payout's P21 journal: the account, the signed amount in the payout's currency (debit positive), what it is for.</summary>
public record PayoutJournalLine
{
    public required string Account { get; init; }
    public required decimal Amount { get; init; }
    public string? Description { get; init; }
    /// <summary>The original amount (same sign) when the line settles another currency, and that currency.</summary>
    public decimal? ForeignAmount { get; init; }
    public string? ForeignCurrency { get; init; }
}
