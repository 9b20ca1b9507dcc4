using System.Text.Json;
using Payments.Contracts.Shared;

namespace Payments.Gateway.Webhooks;

/// <summary>
/// Small, pure readers for Stripe's JSON, shared by every mapper and the routing rules: absent and null are the same;
/// expandable fields may be an id or an object (https://docs.stripe.com/expand).
/// </summary>
public static class StripeJson
{
    public static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>An expandable reference: <c>"cus_…"</c> or <c>{"id": "cus_…", …}</c>.</summary>
    public static string? Id(JsonElement parent, string name) =>
        String(parent, name) ?? (Object(parent, name) is { } expanded ? String(expanded, "id") : null);

    public static long? Integer(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    public static bool? Boolean(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
        && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    /// <summary>A three-letter ISO 4217 <c>currency</c>, upper case; null when absent or not three letters.</summary>
    public static string? Currency(JsonElement parent, string name = "currency") =>
        String(parent, name) is { Length: 3 } currency && currency.All(char.IsAsciiLetter) ? currency.ToUpperInvariant() : null;

    public static DateTimeOffset? UnixTime(JsonElement parent, string name) =>
        Integer(parent, name) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// An object's <c>metadata</c> as strings. Stripe stores metadata values as strings; anything else is kept in its JSON
    /// form rather than dropped.
    /// </summary>
    public static Dictionary<string, string> Metadata(JsonElement parent)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Object(parent, "metadata") is { } values)
        {
            foreach (var property in values.EnumerateObject())
                metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }
        return metadata;
    }

    /// <summary>
    /// A <c>shipping</c> object (<c>name</c> + <c>address</c>) as an <see cref="Address"/>; null when there is none or its
    /// address is empty (Stripe's fixtures send an all-null address).
    /// </summary>
    public static Address? ShippingAddress(JsonElement? shipping)
    {
        if (shipping is not { } s || Object(s, "address") is not { } address) return null;
        var result = new Address
        {
            Name = NonEmpty(String(s, "name")),
            Line1 = NonEmpty(String(address, "line1")),
            Line2 = NonEmpty(String(address, "line2")),
            City = NonEmpty(String(address, "city")),
            State = NonEmpty(String(address, "state")),
            PostalCode = NonEmpty(String(address, "postal_code")),
            Country = NonEmpty(String(address, "country")),
        };
        return result.Line1 is null && result.City is null && result.PostalCode is null && result.Country is null ? null : result;
    }

    /// <summary>The non-empty string an object's <c>metadata</c> holds under <paramref name="key"/> (keys may contain dots).</summary>
    public static string? MetadataValue(JsonElement parent, string key) =>
        Object(parent, "metadata") is { } metadata ? NonEmpty(String(metadata, key)) : null;

    /// <summary>
    /// Whether <paramref name="path"/> (<c>invoice</c>, <c>metadata.znode_order_number</c>, <c>payment_intent.invoice</c>)
    /// leads to a value: not absent, null, false, an empty string or an empty list. Each step but the last must be an object,
    /// so a path through an unexpanded reference (an id string) leads nowhere.
    /// </summary>
    public static bool HasValue(JsonElement parent, string path)
    {
        var current = parent;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                return false;
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => !string.IsNullOrWhiteSpace(current.GetString()),
            JsonValueKind.Array => current.GetArrayLength() > 0,
            JsonValueKind.Object or JsonValueKind.Number or JsonValueKind.True => true,
            _ => false,
        };
    }
}
