namespace Payments.Domain.Reconciliation;

/// <summary>
/// What a payout settled from one other currency: the signed original and settlement totals, the effective rate
/// (settlement ÷ original, in major units) and the range of the balance transactions' own exchange rates.
/// </summary>
public sealed record CurrencyConversion(
    string OriginalCurrency,
    decimal OriginalAmount,
    decimal SettlementAmount,
    decimal? EffectiveRate,
    decimal MinRate,
    decimal MaxRate,
    int Count);
