namespace Payments.Domain.Risk;

/// <summary>A risk decision as it is recorded per payment: the signals seen, the rule that fired (or none) and why, the actions taken.</summary>
public sealed record RiskDecision(RiskSignals Signals, string? Rule, IReadOnlyList<RiskAction> Actions, string Explanation)
{
    public bool Acts => Actions.Count > 0;
}
