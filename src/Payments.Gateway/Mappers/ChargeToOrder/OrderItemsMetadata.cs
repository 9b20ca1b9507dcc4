using System.Globalization;
using System.Text.Json;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.ChargeToOrder;

/// <summary>
/// The shop's line items travel in the charge's metadata under <c>items</c> (Stripe metadata values hold up to 500 characters),
/// in either of two forms:
/// <list type="bullet">
/// <item>compact: <c>SKU:qty,SKU:qty</c> — e.g. <c>"ABC-100:2,XYZ-9:1.5,BOLT-M8"</c>; quantity optional (1), invariant decimal, positive;</item>
/// <item>JSON: <c>[{"sku":"ABC-100","qty":2,"unit_amount":1250,"description":"Widget"}]</c> — <c>sku</c> required; <c>qty</c> (or
/// <c>quantity</c>) defaults to 1; <c>unit_amount</c> in the charge currency's minor units.</item>
/// </list>
/// No <c>items</c> key means no lines. A value that breaks these rules is refused with the reason, never half-read.
/// </summary>
public static class OrderItemsMetadata
{
    public const string Key = "items";

    public static IReadOnlyList<OrderLine> Parse(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
            throw new FormatException("metadata 'items' is empty.");
        return trimmed.StartsWith('[') ? ParseJson(trimmed) : ParseCompact(trimmed);
    }

    static List<OrderLine> ParseCompact(string value)
    {
        var lines = new List<OrderLine>();
        foreach (var (entry, index) in value.Split(',').Select((e, i) => (e.Trim(), i + 1)))
        {
            var parts = entry.Split(':');
            var sku = parts[0].Trim();
            if (sku.Length == 0 || parts.Length > 2)
                throw new FormatException($"metadata 'items' entry {index} ('{entry}') is not SKU or SKU:qty.");
            var quantity = 1m;
            if (parts.Length == 2 && !decimal.TryParse(parts[1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quantity))
                throw new FormatException($"metadata 'items' entry {index} ('{entry}') has a quantity that is not a number.");
            lines.Add(Line(sku, quantity, null, null, index));
        }
        return lines;
    }

    static List<OrderLine> ParseJson(string value)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(value);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new FormatException($"metadata 'items' is not valid JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Array)
            throw new FormatException("metadata 'items' must be a JSON array.");

        var lines = new List<OrderLine>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            index++;
            if (item.ValueKind != JsonValueKind.Object)
                throw new FormatException($"metadata 'items' element {index} is not an object.");
            var sku = StripeJson.String(item, "sku")?.Trim();
            if (string.IsNullOrEmpty(sku))
                throw new FormatException($"metadata 'items' element {index} has no 'sku'.");
            var quantity = Number(item, "qty", index) ?? Number(item, "quantity", index) ?? 1m;
            long? unitAmount = null;
            if (item.TryGetProperty("unit_amount", out var amount) && amount.ValueKind != JsonValueKind.Null)
            {
                if (amount.ValueKind != JsonValueKind.Number || !amount.TryGetInt64(out var minor) || minor < 0)
                    throw new FormatException($"metadata 'items' element {index} has a 'unit_amount' that is not a whole non-negative number of minor units.");
                unitAmount = minor;
            }
            lines.Add(Line(sku, quantity, unitAmount, StripeJson.String(item, "description"), index));
        }
        if (lines.Count == 0)
            throw new FormatException("metadata 'items' is an empty list.");
        return lines;
    }

    static decimal? Number(JsonElement item, string name, int index)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
        throw new FormatException($"metadata 'items' element {index} has a '{name}' that is not a number.");
    }

    static OrderLine Line(string sku, decimal quantity, long? unitAmount, string? description, int index) =>
        quantity > 0
            ? new OrderLine { Sku = sku, Quantity = quantity, UnitAmountMinor = unitAmount, Description = description }
            : throw new FormatException($"metadata 'items' entry {index} ('{sku}') has quantity {quantity.ToString(CultureInfo.InvariantCulture)}; it must be positive.");
}
