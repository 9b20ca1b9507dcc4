using System.Globalization;
using Payments.Domain.Money;

namespace Payments.Domain.Risk;

/// <summary>The signals of a decision as one line a person reads per payment (risk level, score, warning, actionable, fraud type, amount).</summary>
public static class RiskSignalLine
{
    public static string Describe(RiskSignals s)
    {
        var parts = new List<string>
        {
            $"risk level {s.RiskLevel ?? "none"}",
            $"score {(s.RiskScore is { } score ? score.ToString(CultureInfo.InvariantCulture) : "none")}",
            s.EarlyFraudWarning
                ? $"early fraud warning{(s.FraudType is null ? "" : $" ({s.FraudType})")}, {(s.WarningActionable ? "actionable" : "not actionable")}"
                : "no early fraud warning",
            MinorUnits.ToDecimal(s.AmountMinor, s.Currency).ToString("F" + CurrencyExponent.For(s.Currency), CultureInfo.InvariantCulture) + " " + s.Currency,
        };
        if (s.AlreadyRefunded) parts.Add("already refunded");
        if (s.Disputed) parts.Add("disputed");
        return string.Join(", ", parts);
    }
}
