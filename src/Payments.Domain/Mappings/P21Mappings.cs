namespace Payments.Domain.Mappings;

/// <summary>
/// Every setting that names something in P21 — the GL accounts of journals, disputes, subscriptions and payouts, and the items of
/// orders, refunds, subscriptions and Stripe's order lines — read from flattened settings (<c>IConfiguration.AsEnumerable()</c>) with
/// the defaults the services apply, so that <c>payments config validate</c> and a service's start-up check read the same list.
/// </summary>
public static class P21Mappings
{
    /// <summary>Single settings: key, kind, and the value a service uses when it is not set (null: nothing mapped then).</summary>
    static readonly (string Key, MappedKind Kind, string? Default)[] Singles =
    [
        ("P21:Journals:DebitAccount", MappedKind.GlAccount, null),
        ("P21:Journals:CreditAccount", MappedKind.GlAccount, null),
        ("P21:Disputes:DisputedFundsAccount", MappedKind.GlAccount, null),
        ("P21:Disputes:FeeAccount", MappedKind.GlAccount, null),
        ("P21:Disputes:ClearingAccount", MappedKind.GlAccount, null),
        ("P21:Subscriptions:JournalDebitAccount", MappedKind.GlAccount, null),
        ("P21:Subscriptions:JournalCreditAccount", MappedKind.GlAccount, null),
        ("P21:SalesOrders:DefaultItemId", MappedKind.P21Item, "STRIPE-SALE"),
        ("P21:Returns:RefundItemId", MappedKind.P21Item, "STRIPE-REFUND"),
        ("P21:Subscriptions:TaxItemId", MappedKind.P21Item, null),
        ("Stripe:OrderLines:DefaultItemId", MappedKind.P21Item, null),
    ];

    /// <summary>Sections whose every child value is a mapped value: <c>P21:Subscriptions:Items:&lt;price|product&gt;</c>, <c>Stripe:OrderLines:ItemMap:&lt;…&gt;</c>.</summary>
    static readonly (string Prefix, MappedKind Kind)[] Maps =
    [
        ("P21:Subscriptions:Items:", MappedKind.P21Item),
        ("Stripe:OrderLines:ItemMap:", MappedKind.P21Item),
    ];

    /// <summary>The mapped values of <paramref name="settings"/>, in a stable order (keys as the settings spell them).</summary>
    /// <param name="only">Only these systems' settings (<c>P21</c>, <c>Stripe</c>): a service checks what it uses; null: all.</param>
    public static IReadOnlyList<MappedValue> From(IEnumerable<KeyValuePair<string, string?>> settings, IReadOnlyCollection<string>? only = null)
    {
        var byKey = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
            byKey[key] = value;

        var mapped = new List<MappedValue>();
        foreach (var (key, kind, fallback) in Singles)
        {
            var value = byKey.TryGetValue(key, out var set) && !string.IsNullOrWhiteSpace(set) ? set.Trim() : fallback;
            if (value is not null)
                mapped.Add(new MappedValue(key, kind, value));
        }
        foreach (var (prefix, kind) in Maps)
            mapped.AddRange(byKey.Where(s => s.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(s.Value)
                    && !s.Key[prefix.Length..].Contains(':'))
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new MappedValue(s.Key, kind, s.Value!.Trim())));
        // P21:Payouts:Accounts:<n>:Account, in rule order.
        mapped.AddRange(byKey.Where(s => s.Key.StartsWith("P21:Payouts:Accounts:", StringComparison.OrdinalIgnoreCase)
                && s.Key.EndsWith(":Account", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(s.Value))
            .OrderBy(s => RuleIndex(s.Key))
            .Select(s => new MappedValue(s.Key, MappedKind.GlAccount, s.Value!.Trim())));
        return only is null ? mapped : [.. mapped.Where(m => only.Contains(m.Key[..m.Key.IndexOf(':')], StringComparer.OrdinalIgnoreCase))];
    }

    static int RuleIndex(string key) =>
        int.TryParse(key.Split(':')[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue;
}
