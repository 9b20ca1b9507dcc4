namespace Payments.Domain.Risk;

/// <summary>
/// What is known about a payment's risk when a decision is taken: Radar's outcome on the charge and any early fraud
/// warning from the card network. Every decision records the signals it saw.
/// </summary>
public sealed record RiskSignals
{
    public required string ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    /// <summary>Radar's <c>outcome.risk_level</c>: <c>normal</c>, <c>elevated</c>, <c>highest</c>, <c>not_assessed</c>, <c>unknown</c>.</summary>
    public string? RiskLevel { get; init; }
    /// <summary>Radar's <c>outcome.risk_score</c>, 0–99, when Radar scored the charge.</summary>
    public int? RiskScore { get; init; }
    /// <summary>An early fraud warning exists for the charge.</summary>
    public bool EarlyFraudWarning { get; init; }
    /// <summary>The warning's <c>actionable</c>: false once the charge is refunded or disputed.</summary>
    public bool WarningActionable { get; init; }
    /// <summary>The warning's <c>fraud_type</c> (<c>card_never_received</c>, <c>made_with_stolen_card</c>, …).</summary>
    public string? FraudType { get; init; }
    public bool AlreadyRefunded { get; init; }
    public bool Disputed { get; init; }
}
