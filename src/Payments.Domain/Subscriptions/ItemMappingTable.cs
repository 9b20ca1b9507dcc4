using Payments.Domain.P21;

namespace Payments.Domain.Subscriptions;

/// <summary>The P21 item a Stripe line is posted as, and which entry of the table said so.</summary>
public sealed record ItemMapping(string ItemId, string MappedBy);

/// <summary>
/// The configurable table from Stripe prices and products to P21 items (issue 14, item 7): a price's entry wins over its
/// product's, so one product sold at several prices can post as several items. Keys are Stripe ids (<c>price_…</c>,
/// <c>prod_…</c>), values P21 item ids (trimmed, upper case, at most 40 characters: docs/external-apis/p21.md#item-look-up).
/// </summary>
public sealed class ItemMappingTable
{
    /// <summary>P21's <c>item_id</c> is varchar(40) (docs/external-apis/p21.md#formats-and-field-lengths).</summary>
    public const int MaxItemIdLength = 40;

    readonly IReadOnlyDictionary<string, string> _items;

    ItemMappingTable(IReadOnlyDictionary<string, string> items) => _items = items;

    public static ItemMappingTable Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>The table; an <see cref="ArgumentException"/> naming every bad entry (a blank key or item, an item id too long).</summary>
    public static ItemMappingTable From(IReadOnlyDictionary<string, string> entries)
    {
        var problems = new List<string>();
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (string.IsNullOrWhiteSpace(key)) problems.Add("An entry has no Stripe price or product id.");
            else if (string.IsNullOrWhiteSpace(value)) problems.Add($"{key}: no P21 item given.");
            else if (value.Trim().Length > MaxItemIdLength) problems.Add($"{key}: '{value.Trim()}' is longer than P21's {MaxItemIdLength}-character item id.");
            else items[key.Trim()] = P21Formats.ItemId(value);
        }
        if (problems.Count > 0)
            throw new ArgumentException("The Stripe-to-P21 item table is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(entries));
        return new ItemMappingTable(items);
    }

    /// <summary>The item for a price, else for its product; null when neither is in the table.</summary>
    public ItemMapping? Find(string? priceId, string? productId) =>
        priceId is not null && _items.TryGetValue(priceId, out var byPrice) ? new ItemMapping(byPrice, $"price {priceId}")
        : productId is not null && _items.TryGetValue(productId, out var byProduct) ? new ItemMapping(byProduct, $"product {productId}")
        : null;
}
