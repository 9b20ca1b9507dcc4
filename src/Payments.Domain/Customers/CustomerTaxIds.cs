namespace Payments.Domain.Customers;

/// <summary>A customer's tax id as Stripe keeps it (https://docs.stripe.com/api/tax_ids/object): a type such as <c>eu_vat</c> and the value.</summary>
public sealed record CustomerTaxId(string Type, string Value);

/// <summary>
/// Tax ids as one field value: <c>type:value</c> pairs, types lower case, values upper case without blanks, sorted and joined by
/// "; ", so the same ids in another order or spelling compare equal and a change is a change of the set.
/// </summary>
public static class CustomerTaxIds
{
    public static string? Format(IEnumerable<CustomerTaxId>? taxIds)
    {
        var pairs = (taxIds ?? [])
            .Select(t => (Type: t.Type.Trim().ToLowerInvariant(), Value: Compact(t.Value)))
            .Where(t => t.Value.Length > 0)
            .Select(t => t.Type + ":" + t.Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return pairs.Count == 0 ? null : string.Join("; ", pairs);
    }

    public static IReadOnlyList<CustomerTaxId> Parse(string? field) =>
        string.IsNullOrWhiteSpace(field)
            ? []
            : field.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(pair => pair.Split(':', 2))
                .Select(parts => parts.Length == 2 ? new CustomerTaxId(parts[0], parts[1]) : new CustomerTaxId("", parts[0]))
                .ToList();

    static string Compact(string value) => new(value.Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());
}
