namespace Payments.Domain.Customers;

/// <summary>An e-mail field as people fill it in: any case, stray spaces, several addresses separated by ';', ',' or blanks.</summary>
public static class EmailField
{
    static readonly char[] Separators = [';', ',', ' ', '\t', '\r', '\n'];

    /// <summary>The addresses in <paramref name="field"/>, trimmed and lower-cased.</summary>
    public static IReadOnlyList<string> Addresses(string? field) =>
        string.IsNullOrWhiteSpace(field)
            ? []
            : field.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()).ToList();

    /// <summary>Whether <paramref name="field"/> holds <paramref name="email"/> (compared without case and surrounding spaces).</summary>
    public static bool Holds(string? field, string email) =>
        CustomerMatching.NormaliseEmail(email) is { } wanted && Addresses(field).Contains(wanted, StringComparer.Ordinal);
}
