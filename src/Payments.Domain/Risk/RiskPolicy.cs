using System.Globalization;
using Payments.Domain.Money;

namespace Payments.Domain.Risk;

/// <summary>
/// The explainable risk policy: rules in order, the first whose every condition holds decides, and the decision says which
/// conditions held with which values. A proactive refund is never chosen for a charge already refunded or disputed.
/// </summary>
public static class RiskPolicy
{
    static readonly string[] Levels = ["normal", "elevated", "highest"];

    /// <summary>The defaults when no rule is configured: refund an actionable warning under 100.00 USD/EUR/GBP (10,000 JPY); hold and alert on elevated risk or any warning.</summary>
    public static IReadOnlyList<RiskRule> DefaultRules { get; } =
    [
        new RiskRule
        {
            Name = "refund-actionable-warning-under-limit",
            EarlyFraudWarning = true,
            WarningActionable = true,
            AmountAtMost = new Dictionary<string, decimal> { ["USD"] = 100m, ["EUR"] = 100m, ["GBP"] = 100m, ["JPY"] = 10_000m },
            Actions = [RiskAction.ProactiveRefund, RiskAction.Alert],
        },
        new RiskRule { Name = "hold-early-fraud-warning", EarlyFraudWarning = true, Actions = [RiskAction.HoldOrder, RiskAction.Alert] },
        new RiskRule { Name = "hold-elevated-risk", RiskLevelAtLeast = "elevated", Actions = [RiskAction.HoldOrder, RiskAction.Alert] },
    ];

    public static RiskDecision Decide(RiskSignals signals, IReadOnlyList<RiskRule> rules)
    {
        foreach (var rule in rules)
        {
            var reasons = new List<string>();
            if (!Holds(rule, signals, reasons)) continue;
            var actions = rule.Actions.ToList();
            if (actions.Contains(RiskAction.ProactiveRefund) && (signals.AlreadyRefunded || signals.Disputed))
            {
                actions.Remove(RiskAction.ProactiveRefund);
                reasons.Add(signals.Disputed ? "no refund: the charge is already disputed" : "no refund: the charge is already refunded");
            }
            return new RiskDecision(signals, rule.Name, actions,
                $"rule '{rule.Name}' fired: {string.Join("; ", reasons)} → {(actions.Count == 0 ? "no action" : string.Join(", ", actions))}");
        }
        return new RiskDecision(signals, null, [], $"no rule fired ({Describe(signals)}) → no action");
    }

    /// <summary>Checks every condition the rule sets, noting each that held; false at the first that does not.</summary>
    static bool Holds(RiskRule rule, RiskSignals s, List<string> reasons)
    {
        if (rule.RiskLevelAtLeast is { } minimum)
        {
            var need = Array.IndexOf(Levels, minimum.ToLowerInvariant());
            if (need < 0) throw new ArgumentException($"Rule '{rule.Name}': risk level '{minimum}' is not one of {string.Join(", ", Levels)}.");
            var actual = s.RiskLevel is null ? -1 : Array.IndexOf(Levels, s.RiskLevel.ToLowerInvariant());
            if (actual < need) return false;
            reasons.Add($"risk level {s.RiskLevel} ≥ {minimum}");
        }
        if (rule.RiskScoreAtLeast is { } score)
        {
            if (s.RiskScore is not { } actual || actual < score) return false;
            reasons.Add($"risk score {actual} ≥ {score}");
        }
        if (rule.EarlyFraudWarning is { } warning)
        {
            if (s.EarlyFraudWarning != warning) return false;
            reasons.Add(warning ? "early fraud warning" + (s.FraudType is null ? "" : $" ({s.FraudType})") : "no early fraud warning");
        }
        if (rule.WarningActionable is { } actionable)
        {
            if (s.WarningActionable != actionable) return false;
            reasons.Add(actionable ? "warning actionable" : "warning not actionable");
        }
        if (rule.FraudTypes is { Count: > 0 } types)
        {
            if (s.FraudType is null || !types.Contains(s.FraudType, StringComparer.OrdinalIgnoreCase)) return false;
            reasons.Add($"fraud type {s.FraudType}");
        }
        if (rule.AmountAtMost is { } limits)
        {
            if (!limits.TryGetValue(s.Currency, out var limit) && !limits.TryGetValue(s.Currency.ToUpperInvariant(), out limit)) return false;
            var amount = MinorUnits.ToDecimal(s.AmountMinor, s.Currency);
            if (amount > limit) return false;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"amount {Amount(s)} ≤ {limit}"));
        }
        return true;
    }

    static string Describe(RiskSignals s) => string.Create(CultureInfo.InvariantCulture,
        $"risk level {s.RiskLevel ?? "none"}, score {(s.RiskScore is { } score ? score.ToString(CultureInfo.InvariantCulture) : "none")}, " +
        $"{(s.EarlyFraudWarning ? "early fraud warning" : "no early fraud warning")}, {Amount(s)}");

    /// <summary>The charge's amount with the currency's own number of decimals (50.00 USD, 9000 JPY, 1.000 KWD).</summary>
    static string Amount(RiskSignals s) =>
        MinorUnits.ToDecimal(s.AmountMinor, s.Currency).ToString("F" + CurrencyExponent.For(s.Currency), CultureInfo.InvariantCulture) + " " + s.Currency;
}
