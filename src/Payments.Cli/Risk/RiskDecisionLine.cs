namespace Payments.Cli.Risk;

/// <summary>
/// One decision as the payment-risk saga keeps it, a line each: <c>time | rule R | actions A,B | signals | explanation</c>
/// (src/Payments.Sagas/README.md). Read back into its parts; a line in another shape is shown whole as the explanation.
/// </summary>
public sealed record RiskDecisionLine(string DecidedAt, string Rule, string Actions, string Signals, string Explanation)
{
    public static IReadOnlyList<RiskDecisionLine> Parse(string decisions) =>
        [.. decisions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseLine)];

    static RiskDecisionLine ParseLine(string line)
    {
        var parts = line.Split(" | ", 5, StringSplitOptions.TrimEntries);
        if (parts.Length < 5) return new RiskDecisionLine("", "", "", "", line);
        return new RiskDecisionLine(parts[0], Strip(parts[1], "rule "), Strip(parts[2], "actions "), parts[3], parts[4]);
    }

    static string Strip(string part, string prefix) => part.StartsWith(prefix, StringComparison.Ordinal) ? part[prefix.Length..] : part;
}
