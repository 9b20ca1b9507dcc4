namespace Payments.Domain.Customers;

/// <summary>
/// Who may change a field and where it is kept: <see cref="Writers"/> are the systems whose changes of the field are applied
/// (one system owns it; several share it, and then the newest change wins); <see cref="Keepers"/> are the systems the field is
/// written to when it changes (a writer always keeps the field too).
/// </summary>
public sealed record FieldRule(CustomerField Field, IReadOnlyList<CustomerSystem> Writers, IReadOnlyList<CustomerSystem> Keepers);

/// <summary>
/// Which system owns which customer field, configurable. The default: Stripe owns the name, e-mail, phone, tax ids and the
/// payment method; the billing address is shared by Stripe and Znode (issue 14: Stripe's changes reach Znode, and a Znode
/// account's address is folded into Stripe's), so the newest change of either wins; P21 owns the credit terms. Every field
/// is kept in all three systems except the payment method (Stripe only) and the credit terms (P21 only).
/// </summary>
public sealed class FieldOwnership
{
    static readonly CustomerSystem[] Everywhere = [CustomerSystem.Stripe, CustomerSystem.P21, CustomerSystem.Znode];

    readonly IReadOnlyDictionary<CustomerField, FieldRule> _rules;

    FieldOwnership(IReadOnlyDictionary<CustomerField, FieldRule> rules) => _rules = rules;

    public static FieldOwnership Default { get; } = new(CustomerFields.All.ToDictionary(f => f, DefaultRule));

    static FieldRule DefaultRule(CustomerField field) => field switch
    {
        CustomerField.CreditTerms => new(field, [CustomerSystem.P21], [CustomerSystem.P21]),
        CustomerField.DefaultPaymentMethod => new(field, [CustomerSystem.Stripe], [CustomerSystem.Stripe]),
        _ when CustomerFields.Address.Contains(field) => new(field, [CustomerSystem.Stripe, CustomerSystem.Znode], Everywhere),
        _ => new(field, [CustomerSystem.Stripe], Everywhere),
    };

    public FieldRule RuleFor(CustomerField field) => _rules[field];

    public IReadOnlyList<FieldRule> Rules => CustomerFields.All.Select(f => _rules[f]).ToList();

    public bool MayWrite(CustomerSystem system, CustomerField field) => _rules[field].Writers.Contains(system);

    /// <summary>
    /// The default with <paramref name="rules"/> in place of the fields they name; an <see cref="ArgumentException"/> naming every
    /// problem (a rule without writers, a writer that does not keep the field, a field given twice).
    /// </summary>
    public static FieldOwnership From(IEnumerable<FieldRule> rules)
    {
        var problems = new List<string>();
        var byField = CustomerFields.All.ToDictionary(f => f, DefaultRule);
        var given = new HashSet<CustomerField>();
        foreach (var rule in rules)
        {
            if (!given.Add(rule.Field)) problems.Add($"{rule.Field}: given more than once.");
            if (rule.Writers.Count == 0) problems.Add($"{rule.Field}: no system may change it; name at least one owner.");
            foreach (var writer in rule.Writers.Where(w => !rule.Keepers.Contains(w)))
                problems.Add($"{rule.Field}: {writer} may change it but does not keep it; add {writer} to where it is kept.");
            byField[rule.Field] = rule with { Writers = rule.Writers.Distinct().ToList(), Keepers = rule.Keepers.Distinct().ToList() };
        }
        if (problems.Count > 0)
            throw new ArgumentException("The customer field ownership is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(rules));
        return new FieldOwnership(byField);
    }

    /// <summary>
    /// The ownership from settings such as <c>Customers:Ownership:CreditTerms = P21</c> or <c>Address = Znode,Stripe</c>: a field
    /// (or <c>Address</c> for all its fields) and its writers, comma-separated, the first preferred when two changes tie. The fields
    /// keep their default keepers plus the writers. An <see cref="ArgumentException"/> names every bad setting.
    /// </summary>
    public static FieldOwnership FromSettings(IReadOnlyDictionary<string, string> settings, string section = "Customers:Ownership")
    {
        var problems = new List<string>();
        var rules = new Dictionary<CustomerField, FieldRule>();
        foreach (var (key, value) in settings)
        {
            IReadOnlyList<CustomerField> fields = string.Equals(key.Trim(), "Address", StringComparison.OrdinalIgnoreCase) ? CustomerFields.Address
                : Enum.TryParse<CustomerField>(key.Trim(), ignoreCase: true, out var one) && Enum.IsDefined(one) ? [one]
                : [];
            if (fields.Count == 0)
            {
                problems.Add($"{section}:{key}: not a customer field (one of Address, {string.Join(", ", CustomerFields.All)}).");
                continue;
            }
            var writers = new List<CustomerSystem>();
            foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse<CustomerSystem>(name, ignoreCase: true, out var system) && Enum.IsDefined(system)) writers.Add(system);
                else problems.Add($"{section}:{key}: '{name}' is not a system (one of {string.Join(", ", Enum.GetNames<CustomerSystem>())}).");
            }
            if (writers.Count == 0) problems.Add($"{section}:{key}: name at least one system.");
            foreach (var field in fields)
                rules[field] = new FieldRule(field, writers, DefaultRule(field).Keepers.Union(writers).ToList());
        }
        if (problems.Count > 0)
            throw new ArgumentException("The customer field ownership settings are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(settings));
        return From(rules.Values);
    }
}
