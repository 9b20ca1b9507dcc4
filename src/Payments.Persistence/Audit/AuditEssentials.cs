using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Payments.Persistence.Audit;

/// <summary>
/// What of a request or an answer goes into an audit entry: the body with every secret removed (credentials, tokens, card data),
/// cut to <see cref="MaxLength"/>, and the ids it names, for look-up. Fields are dropped by name, and values by shape (a card number
/// that passes Luhn, a Stripe secret key, a bearer token), so a secret under an unexpected name is removed all the same.
/// </summary>
public static partial class AuditEssentials
{
    public const int MaxLength = 4000;
    public const string Removed = "[removed]";

    // Lower-case fragments of field names whose values are never kept.
    static readonly string[] SecretNames =
        ["password", "passwd", "secret", "token", "authorization", "apikey", "api_key", "api-key", "cvc", "cvv", "card", "iban", "account_number",
         "routing_number", "credential", "private_key", "signature", "ssn"];

    static readonly string[] IdSuffixes = ["_no", "_id", "id", "number", "_uid"];

    /// <summary>The body without secrets (JSON or form-encoded; other text only when it has none of the secret shapes), at most <see cref="MaxLength"/>.</summary>
    public static string? Scrub(string? body, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        string scrubbed;
        if (IsJson(body, mediaType))
            scrubbed = ScrubbedJson(body)?.ToJsonString() ?? ScrubText(body);
        else if (mediaType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            scrubbed = ScrubForm(body);
        else
            scrubbed = ScrubText(body);
        return Cut(scrubbed);
    }

    /// <summary>
    /// <see cref="Scrub"/> and the <see cref="Identifiers"/> of its result from one reading of a JSON body (each write's request
    /// was parsed twice, once for each); other bodies as those two do. The ids come from the whole scrubbed body, also when the kept
    /// text is cut to <see cref="MaxLength"/>.
    /// </summary>
    public static (string? Body, IReadOnlyList<string> Ids) Essentials(string? body, string? mediaType)
    {
        if (!string.IsNullOrWhiteSpace(body) && IsJson(body, mediaType) && ScrubbedJson(body) is { } node)
        {
            var scrubbed = node.ToJsonString();
            return (Cut(scrubbed), IdsOf(scrubbed, node));
        }
        var text = Scrub(body, mediaType);
        return (text, Identifiers(text));
    }

    /// <summary>Whether a field of this name holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        // Loops rather than Any(lower.Contains): every field name of every audited body comes here, and the lower-cased copy and
        // the delegate were a tenth of what the P21 service allocated per message.
        foreach (var secret in SecretNames)
        {
            if (name.Contains(secret, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Whether a value looks like a secret whatever its name: a card number, a Stripe key or signing secret, a bearer token.</summary>
    public static bool IsSecretValue(string value)
    {
        var trimmed = value.Trim();
        if (SecretValue().IsMatch(trimmed))
            return true;
        var digits = trimmed.Replace(" ", "").Replace("-", "");
        return digits.Length is >= 13 and <= 19 && digits.All(char.IsAsciiDigit) && PassesLuhn(digits);
    }

    /// <summary>
    /// The ids a (scrubbed) JSON body names: Stripe ids anywhere (<c>ch_…</c>, <c>pi_…</c>, …), and the values of fields named like an
    /// id or a number (<c>id</c>, <c>order_no</c>, <c>OrderNumber</c>, <c>invoice_id</c>), also as P21's name/value edits.
    /// </summary>
    public static IReadOnlyList<string> Identifiers(string? body) =>
        string.IsNullOrWhiteSpace(body) ? [] : IdsOf(body, LooksLikeJson(body) ? Parsed(body) : null);

    /// <summary>Stripe object ids in a text (<c>ch_</c>, <c>pi_</c>, <c>re_</c>, <c>dp_</c>, <c>po_</c>, <c>cus_</c>, <c>in_</c>, <c>sub_</c>, <c>evt_</c>, …).</summary>
    public static IEnumerable<string> StripeIds(string text) => StripeId().Matches(text).Select(m => m.Value);

    public static string? Cut(string? text) => text is null || text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";

    /// <summary>The Stripe ids in <paramref name="text"/>, and the id fields of <paramref name="node"/> (its parsed form, null when not JSON or cut).</summary>
    static List<string> IdsOf(string text, JsonNode? node)
    {
        var found = StripeIds(text).ToList();
        if (node is not null)
            CollectIds(node, found, depth: 0);
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    static void CollectIds(JsonNode node, List<string> found, int depth)
    {
        if (depth > 16 || found.Count > 50)
            return;
        switch (node)
        {
            case JsonObject obj:
                // P21's edits: { "Name": "order_no", "Value": "1001" }.
                if (obj["Name"] is JsonValue nameNode && nameNode.TryGetValue<string>(out var editName) && obj["Value"] is JsonValue editValue
                    && IsIdName(editName) && Scalar(editValue) is { } edit)
                    found.Add(edit);
                foreach (var (name, child) in obj)
                {
                    if (child is JsonValue value)
                    {
                        if (IsIdName(name) && Scalar(value) is { } id)
                            found.Add(id);
                    }
                    else if (child is not null)
                        CollectIds(child, found, depth + 1);
                }
                break;
            case JsonArray array:
                foreach (var child in array.Take(50))
                    if (child is not null)
                        CollectIds(child, found, depth + 1);
                break;
        }
    }

    static bool IsIdName(string name)
    {
        if (IsSecretName(name) || name.EndsWith("company_id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("companyid", StringComparison.OrdinalIgnoreCase))
            return false;
        foreach (var suffix in IdSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    static string? Scalar(JsonValue value)
    {
        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) || text.Length > 100 || text.Contains(' ') || text == "0" || IsSecretValue(text) ? null : text;
    }

    /// <summary>The body parsed, its secrets removed; null when it is not JSON after all.</summary>
    static JsonNode? ScrubbedJson(string body)
    {
        var node = Parsed(body);
        if (node is not null)
            ScrubNode(node);
        return node;
    }

    static JsonNode? Parsed(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static void ScrubNode(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                // P21's edits carry the field name in "Name": a secret there is removed from "Value".
                if (obj["Name"] is JsonValue editName && editName.TryGetValue<string>(out var name) && IsSecretName(name) && obj.ContainsKey("Value"))
                    obj["Value"] = Removed;
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (IsSecretName(key))
                        obj[key] = Removed;
                    else if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                        obj[key] = ScrubString(value.GetValue<string>());
                    else if (child is not null)
                        ScrubNode(child);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                        array[i] = ScrubString(value.GetValue<string>());
                    else if (array[i] is { } child)
                        ScrubNode(child);
                }
                break;
        }
    }

    static string ScrubString(string value) => IsSecretValue(value) ? Removed : ScrubText(value);

    static string ScrubForm(string body)
    {
        var pairs = body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var separator = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((separator < 0 ? pair : pair[..separator]).Replace('+', ' '));
            var value = separator < 0 ? "" : Uri.UnescapeDataString(pair[(separator + 1)..].Replace('+', ' '));
            return $"{key}={(IsSecretName(key) ? Removed : ScrubString(value))}";
        });
        return string.Join('&', pairs);
    }

    /// <summary>Free text: every secret-shaped token replaced.</summary>
    static string ScrubText(string body)
    {
        var text = SecretValue().Replace(body, Removed);
        return CardLike().Replace(text, m => IsSecretValue(m.Value) ? Removed : m.Value);
    }

    static bool IsJson(string body, string? mediaType) => mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || LooksLikeJson(body);

    static bool LooksLikeJson(string body)
    {
        var first = body.AsSpan().TrimStart();
        return first.Length > 0 && (first[0] == '{' || first[0] == '[');
    }

    static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt && (d *= 2) > 9)
                d -= 9;
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    [GeneratedRegex(@"\b(?:ch|py|pi|re|dp|du|po|cus|in|sub|evt|txn|cs|seti|issfr|prod|price|ii|il|pyr|tr)_[A-Za-z0-9]{8,}\b")]
    private static partial Regex StripeId();

    [GeneratedRegex(@"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9]+|\bBearer\s+[A-Za-z0-9\-._~+/]+=*|\bBasic\s+[A-Za-z0-9+/]+=*|\b(?:pm|tok|src|card)_[A-Za-z0-9]{8,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();

    [GeneratedRegex(@"\b\d[\d -]{11,21}\d\b")]
    private static partial Regex CardLike();
}
