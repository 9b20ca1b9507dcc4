using System.Globalization;
using Payments.Domain.P21;
using Payments.Domain.Similarity;

namespace Payments.Domain.Subscriptions;

/// <summary>A Stripe product (and the price, when there is one) as the suggester reads it.</summary>
public sealed record StripeCatalogEntry(
    string? ProductId,
    string? PriceId,
    string? Name,
    string? Description = null,
    string? LookupKey = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>A P21 item as <c>inv_mast</c> keeps it: <c>item_id</c>, <c>item_desc</c> and, where read, the extended description.</summary>
public sealed record P21Item(string ItemId, string? Description, string? ExtendedDescription = null);

/// <summary>A P21 item that may be what a Stripe product or price is, with a score from 0 to 1 and the reasons.</summary>
public sealed record ItemSuggestion(string ItemId, string? ItemDescription, double Score, IReadOnlyList<string> Reasons);

public sealed record ItemSuggestionOptions
{
    public double Threshold { get; init; } = 0.5;

    public int MaxSuggestions { get; init; } = 5;

    /// <summary>Metadata keys (on the product or the price) that hold a SKU or part number; <c>p21_item_id</c> is this project's own.</summary>
    public IReadOnlyList<string> SkuKeys { get; init; } = ["p21_item_id", "item_id", "sku", "part_number", "part_no"];

    /// <summary>Billing words that say how something is sold, not what it is.</summary>
    public IReadOnlySet<string> IgnoredWords { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "monthly", "yearly", "annual", "annually", "weekly", "subscription", "plan", "per", "month", "year", "the", "and", "for", "of", "a",
    };
}

/// <summary>
/// Proposes P21 items for a Stripe product or price that has none mapped (issue 14, item 9), for a person to accept; it maps
/// nothing itself. Two kinds of evidence:
/// <list type="bullet">
/// <item>SKU: a SKU-like metadata value or the price's <c>lookup_key</c> that is the item id (1), or is it without punctuation
/// (0.9: "abc 100" ~ ABC-100); or the item id written in the product's name or description (0.8);</item>
/// <item>description: <see cref="TextSimilarity.Dice"/> between the item's description (or extended description) and the product's
/// name (or description), the closest pair, without billing words ("monthly", "plan").</item>
/// </list>
/// Score = 1 − (1 − 0.95·SKU)(1 − 0.75·description); at most <see cref="ItemSuggestionOptions.MaxSuggestions"/> at or above the
/// threshold, by score, then item id. Every item is compared (a scan of the item master the caller read).
/// </summary>
public static class ItemMappingSuggester
{
    public static IReadOnlyList<ItemSuggestion> Suggest(StripeCatalogEntry entry, IEnumerable<P21Item> items, ItemSuggestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        options ??= new ItemSuggestionOptions();
        var skus = Skus(entry, options);
        var mentioned = Mentions(entry.Name).Select(m => (m, "name")).Concat(Mentions(entry.Description).Select(m => (m, "description"))).ToList();
        var name = TextSimilarity.Words(entry.Name, options.IgnoredWords);
        var description = TextSimilarity.Words(entry.Description, options.IgnoredWords);

        return items
            .Select(item => Score(item, skus, mentioned, name, description, entry, options))
            .Where(s => s.Score >= options.Threshold)
            .OrderByDescending(s => s.Score).ThenBy(s => s.ItemId, StringComparer.Ordinal)
            .Take(options.MaxSuggestions)
            .ToList();
    }

    static ItemSuggestion Score(
        P21Item item,
        IReadOnlyList<(string Value, string From)> skus,
        IReadOnlyList<(string Value, string From)> mentioned,
        IReadOnlyList<string> name,
        IReadOnlyList<string> description,
        StripeCatalogEntry entry,
        ItemSuggestionOptions options)
    {
        var itemId = P21Formats.ItemId(item.ItemId);
        var reasons = new List<string>();

        var sku = 0.0;
        string? skuReason = null;
        foreach (var (value, from) in skus)
        {
            var (score, why) = string.Equals(P21Formats.ItemId(value), itemId, StringComparison.Ordinal) ? (1.0, $"{from} '{value}' is item {itemId}")
                : string.Equals(Compact(value), Compact(itemId), StringComparison.Ordinal) ? (0.9, $"{from} '{value}' is item {itemId} but for punctuation")
                : (0.0, null);
            if (score > sku) (sku, skuReason) = (score, why);
        }
        foreach (var (value, from) in mentioned)
        {
            if (sku < 0.8 && string.Equals(Compact(value), Compact(itemId), StringComparison.Ordinal))
                (sku, skuReason) = (0.8, $"the product's {from} mentions {itemId}");
        }
        if (skuReason is not null) reasons.Add(skuReason);

        // The best of the product's name and description against the item's description and extended description, each on
        // its own, so a long text on one side does not dilute a close match of the other.
        var text = 0.0;
        string? textReason = null;
        foreach (var (itemText, itemWhat) in new[] { (item.Description, "item description"), (item.ExtendedDescription, "extended description") })
        {
            var itemWords = TextSimilarity.Words(itemText, options.IgnoredWords);
            foreach (var (words, what, original) in new[] { (name, "name", entry.Name), (description, "description", entry.Description) })
            {
                var similarity = TextSimilarity.Dice(words, itemWords);
                if (similarity > text) (text, textReason) = (similarity, $"{what} '{original}' ~ {itemWhat} '{itemText}' {Percent(similarity)}");
            }
        }
        if (textReason is not null) reasons.Add(textReason);

        var total = 1 - (1 - 0.95 * sku) * (1 - 0.75 * text);
        return new ItemSuggestion(itemId, item.Description, Math.Round(total, 3), reasons);
    }

    static IReadOnlyList<(string Value, string From)> Skus(StripeCatalogEntry entry, ItemSuggestionOptions options)
    {
        var skus = new List<(string, string)>();
        foreach (var key in options.SkuKeys)
        {
            foreach (var (metaKey, value) in entry.Metadata ?? new Dictionary<string, string>())
            {
                if (string.Equals(metaKey, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                    skus.Add((value.Trim(), $"metadata {metaKey}"));
            }
        }
        if (!string.IsNullOrWhiteSpace(entry.LookupKey)) skus.Add((entry.LookupKey.Trim(), "lookup_key"));
        return skus;
    }

    /// <summary>Words of a text that look like part numbers: split on blanks only (a SKU keeps its dashes), with a digit, at least three characters.</summary>
    static IEnumerable<string> Mentions(string? text) =>
        (text ?? "").Split([' ', '\t', ',', ';', '(', ')', '[', ']', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ':', '"', '\''))
            .Where(w => w.Length >= 3 && w.Any(char.IsDigit));

    static string Compact(string value) => new(value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    static string Percent(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
