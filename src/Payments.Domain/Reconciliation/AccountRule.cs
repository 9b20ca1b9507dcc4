namespace Payments.Domain.Reconciliation;

/// <summary>
/// One configurable rule: a GL account for every key its set conditions match (a condition left null matches anything).
/// <see cref="Category"/> is a name from <see cref="TransactionCategoryNames"/> (<c>charge</c>, <c>fee</c>, <c>payout</c>, …)
/// so rules bind from configuration as plain text; <see cref="Type"/> is a balance transaction's type or a fee's kind.
/// </summary>
public sealed record AccountRule
{
    public required string Account { get; init; }
    public string? Category { get; init; }
    public string? Type { get; init; }
    public string? Currency { get; init; }

    /// <summary>
    /// How specific the rule is: a category outweighs a type, which outweighs a currency, so the most specific rule wins
    /// whatever order the configuration lists them in.
    /// </summary>
    public int Specificity => (Category is null ? 0 : 4) + (Type is null ? 0 : 2) + (Currency is null ? 0 : 1);

    public override string ToString() =>
        $"(category {Category ?? "any"}, type {Type ?? "any"}, currency {Currency?.ToUpperInvariant() ?? "any"}) → {Account}";
}
