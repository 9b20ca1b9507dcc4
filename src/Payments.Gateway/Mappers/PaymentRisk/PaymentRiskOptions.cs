using System.ComponentModel.DataAnnotations;

namespace Payments.Gateway.Mappers.PaymentRisk;

/// <summary>The <c>Gateway:PaymentRisk</c> section: which charges the risk policy hears about without an early fraud warning.</summary>
public sealed class PaymentRiskOptions
{
    public const string Section = "Gateway:PaymentRisk";

    /// <summary>
    /// A succeeded charge whose Radar <c>outcome.risk_level</c> is at least this (<c>normal</c> &lt; <c>elevated</c> &lt; <c>highest</c>)
    /// also publishes <c>ChargeRiskObserved</c>. Empty: off. <c>not_assessed</c> and <c>unknown</c> never qualify.
    /// </summary>
    [RegularExpression("^(|normal|elevated|highest)$", ErrorMessage = "{0} must be normal, elevated, highest, or empty (off).")]
    public string? ObserveRiskLevelAtLeast { get; set; } = RiskLevels.Elevated;
}

/// <summary>Radar's risk levels in order (https://docs.stripe.com/radar/risk-evaluation#risk-outcomes).</summary>
public static class RiskLevels
{
    public const string Normal = "normal";
    public const string Elevated = "elevated";
    public const string Highest = "highest";

    /// <summary>The rank of a level, or null for <c>not_assessed</c>, <c>unknown</c> and anything else.</summary>
    public static int? Rank(string? level) => level switch
    {
        Normal => 0,
        Elevated => 1,
        Highest => 2,
        _ => null,
    };
}
