namespace Payments.Domain.Risk;

/// <summary>
/// One rule as configuration gives it (<c>PaymentRisk:Rules:0:Name</c>, …): the conditions of <see cref="RiskRule"/>, with the actions
/// and the risk level as text. <see cref="RiskRules.From"/> checks and turns the list into the rules the policy runs.
/// </summary>
public sealed class RiskRuleSettings
{
    public string? Name { get; set; }
    public string? RiskLevelAtLeast { get; set; }
    public int? RiskScoreAtLeast { get; set; }
    public bool? EarlyFraudWarning { get; set; }
    public bool? WarningActionable { get; set; }
    public List<string>? FraudTypes { get; set; }
    /// <summary>Per currency code: the amount at most, in major units (<c>USD: 100</c>, <c>JPY: 10000</c>).</summary>
    public Dictionary<string, decimal>? AmountAtMost { get; set; }
    /// <summary><c>ProactiveRefund</c>, <c>HoldOrder</c>, <c>Alert</c>.</summary>
    public List<string>? Actions { get; set; }
}

/// <summary>Turns configured rules into the policy's, or gives <see cref="RiskPolicy.DefaultRules"/> when none are configured.</summary>
public static class RiskRules
{
    static readonly string[] Levels = ["normal", "elevated", "highest"];

    /// <param name="configured">The rules in order, as bound from configuration; null or empty means the defaults.</param>
    /// <param name="section">The configuration key the rules are under (<c>PaymentRisk:Rules</c>), named in each problem.</param>
    /// <param name="problems">One line per problem, naming its key; the rules are only usable when it is empty.</param>
    public static IReadOnlyList<RiskRule> From(IReadOnlyList<RiskRuleSettings>? configured, string section, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        if (configured is null || configured.Count == 0) return RiskPolicy.DefaultRules;

        var rules = new List<RiskRule>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < configured.Count; i++)
        {
            var settings = configured[i];
            var key = $"{section}:{i}";
            if (string.IsNullOrWhiteSpace(settings.Name)) found.Add($"{key}:Name is required.");
            else if (!names.Add(settings.Name)) found.Add($"{key}:Name '{settings.Name}' is used by an earlier rule; names must be unique.");
            if (settings.RiskLevelAtLeast is { } level && !Levels.Contains(level, StringComparer.OrdinalIgnoreCase))
                found.Add($"{key}:RiskLevelAtLeast '{level}' is not one of {string.Join(", ", Levels)}.");
            if (settings.RiskScoreAtLeast is < 0 or > 99)
                found.Add($"{key}:RiskScoreAtLeast must be between 0 and 99; it is {settings.RiskScoreAtLeast}.");
            foreach (var (currency, limit) in settings.AmountAtMost ?? [])
            {
                if (currency.Length != 3 || !currency.All(char.IsAsciiLetter)) found.Add($"{key}:AmountAtMost:{currency} is not an ISO 4217 currency code.");
                if (limit < 0) found.Add($"{key}:AmountAtMost:{currency} must not be negative.");
            }
            var actions = new List<RiskAction>();
            if (settings.Actions is null || settings.Actions.Count == 0)
                found.Add($"{key}:Actions is required (one or more of {string.Join(", ", Enum.GetNames<RiskAction>())}).");
            foreach (var action in settings.Actions ?? [])
            {
                if (Enum.TryParse<RiskAction>(action, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(action, out _))
                    actions.Add(parsed);
                else
                    found.Add($"{key}:Actions: '{action}' is not one of {string.Join(", ", Enum.GetNames<RiskAction>())}.");
            }
            rules.Add(new RiskRule
            {
                Name = settings.Name ?? "",
                RiskLevelAtLeast = settings.RiskLevelAtLeast?.ToLowerInvariant(),
                RiskScoreAtLeast = settings.RiskScoreAtLeast,
                EarlyFraudWarning = settings.EarlyFraudWarning,
                WarningActionable = settings.WarningActionable,
                FraudTypes = settings.FraudTypes,
                AmountAtMost = settings.AmountAtMost?.ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value),
                Actions = actions,
            });
        }
        return found.Count == 0 ? rules : [];
    }
}
