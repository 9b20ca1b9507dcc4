namespace Payments.Domain.Risk;

/// <summary>
/// One configurable rule: every condition set must hold (conditions left null do not count) for its actions to apply.
/// Rules are evaluated in order and the first that matches decides; none matching means no action.
/// </summary>
public sealed record RiskRule
{
    public required string Name { get; init; }

    /// <summary>Radar's risk level is at least this (<c>normal</c> &lt; <c>elevated</c> &lt; <c>highest</c>).</summary>
    public string? RiskLevelAtLeast { get; init; }
    public int? RiskScoreAtLeast { get; init; }
    /// <summary>An early fraud warning exists (true) or does not (false).</summary>
    public bool? EarlyFraudWarning { get; init; }
    /// <summary>The warning is still actionable (the charge is neither refunded nor disputed).</summary>
    public bool? WarningActionable { get; init; }
    /// <summary>The warning's fraud type is one of these.</summary>
    public IReadOnlyList<string>? FraudTypes { get; init; }
    /// <summary>Per currency (ISO 4217): the charge's amount, in major units, is at most this. A currency not listed does not match.</summary>
    public IReadOnlyDictionary<string, decimal>? AmountAtMost { get; init; }

    public required IReadOnlyList<RiskAction> Actions { get; init; }
}
