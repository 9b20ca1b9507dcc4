namespace Payments.Contracts.PayoutReconciliation;

/// <summary>What a payout settled from one other currency: signed original and settlement totals in major units, the effective rate and the range of rates.</summary>
public record PayoutCurrencyConversion
{
    public required string OriginalCurrency { get; init; }
    public required decimal OriginalAmount { get; init; }
    public required decimal SettlementAmount { get; init; }
    public decimal? EffectiveRate { get; init; }
    public required decimal MinRate { get; init; }
    public required decimal MaxRate { get; init; }
    public required int Count { get; init; }
}
