namespace Payments.Domain.Reconciliation;

/// <summary>
/// Finds the GL account for a key among configured <see cref="AccountRule"/>s: the most specific matching rule wins; among
/// equally specific ones, the first listed. Rules are validated once, every problem reported (one line each).
/// </summary>
public sealed class AccountRules
{
    /// <summary>P21 keeps <c>account_number</c> as varchar(32) (docs/external-apis/p21.md#gl-journal).</summary>
    public const int MaxAccountLength = 32;

    readonly IReadOnlyList<AccountRule> _rules;

    AccountRules(IReadOnlyList<AccountRule> rules) => _rules = rules;

    /// <summary>Rules that pass <see cref="Validate"/>; otherwise an <see cref="ArgumentException"/> listing every problem.</summary>
    public static AccountRules From(IEnumerable<AccountRule> rules)
    {
        var list = rules.ToArray();
        var problems = Validate(list);
        if (problems.Count > 0)
            throw new ArgumentException("The account rules are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(rules));
        // Stable: equal specificity keeps the configured order.
        return new AccountRules(list.OrderByDescending(r => r.Specificity).ToArray());
    }

    /// <summary>
    /// Every problem of the rules, one line each: a blank or over-long account, an unknown category, a currency that is not
    /// an ISO code, two rules for the same conditions with different accounts; and, for each of <paramref name="mustResolve"/>,
    /// no matching rule at all.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<AccountRule> rules, IEnumerable<AccountKey>? mustResolve = null)
    {
        var problems = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = $"Rule {i} {rule}";
            if (string.IsNullOrWhiteSpace(rule.Account))
                problems.Add($"{at}: the account is empty.");
            else if (rule.Account.Trim().Length > MaxAccountLength)
                problems.Add($"{at}: the account is longer than P21's {MaxAccountLength} characters.");
            if (rule.Category is not null && !TransactionCategoryNames.TryParse(rule.Category, out _))
                problems.Add($"{at}: '{rule.Category}' is not a category (one of {string.Join(", ", TransactionCategoryNames.All)}).");
            if (rule.Currency is not null && (rule.Currency.Trim().Length != 3 || !rule.Currency.Trim().All(char.IsAsciiLetter)))
                problems.Add($"{at}: '{rule.Currency}' is not an ISO 4217 currency code.");
            if (rule.Type is not null && string.IsNullOrWhiteSpace(rule.Type))
                problems.Add($"{at}: the type is blank (leave it out to match any type).");
            for (var j = 0; j < i; j++)
            {
                var earlier = rules[j];
                if (SameConditions(earlier, rule) && !string.Equals(earlier.Account?.Trim(), rule.Account?.Trim(), StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{at}: rule {j} has the same conditions with account {earlier.Account}; which one is meant?");
            }
        }
        if (problems.Count == 0 && mustResolve is not null)
        {
            var compiled = new AccountRules(rules.OrderByDescending(r => r.Specificity).ToArray());
            foreach (var key in mustResolve)
            {
                if (compiled.Find(key) is null)
                    problems.Add($"No rule gives an account for {key}.");
            }
        }
        return problems;
    }

    /// <summary>The account for <paramref name="key"/>, or null when no rule matches.</summary>
    public string? Find(AccountKey key) => _rules.FirstOrDefault(r => Matches(r, key))?.Account.Trim();

    /// <summary>Accounts for every key; throws <see cref="MissingAccountException"/> naming all keys that have none.</summary>
    public IReadOnlyDictionary<AccountKey, string> Resolve(IEnumerable<AccountKey> keys)
    {
        var found = new Dictionary<AccountKey, string>();
        var missing = new List<AccountKey>();
        foreach (var key in keys.Distinct())
        {
            if (Find(key) is { } account) found[key] = account;
            else missing.Add(key);
        }
        if (missing.Count > 0) throw new MissingAccountException(missing);
        return found;
    }

    static bool Matches(AccountRule rule, AccountKey key) =>
        (rule.Category is null || (TransactionCategoryNames.TryParse(rule.Category, out var category) && category == key.Category))
        && (rule.Type is null || string.Equals(rule.Type.Trim(), key.Type, StringComparison.OrdinalIgnoreCase))
        && (rule.Currency is null || string.Equals(rule.Currency.Trim(), key.Currency, StringComparison.OrdinalIgnoreCase));

    static bool SameConditions(AccountRule a, AccountRule b) =>
        Same(a.Category, b.Category) && Same(a.Type, b.Type) && Same(a.Currency, b.Currency);

    static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
