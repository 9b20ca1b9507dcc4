using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// <c>expand[]</c> (docs.stripe.com/api/expanding_objects): replaces an id field by the object it names, along dotted paths
/// (<c>source</c>, <c>source.customer</c>; on lists <c>data.source</c>). Expanding a field that holds no id of a known object leaves it as it is.
/// </summary>
public static class StripeExpansion
{
    const int MaxDepth = 4; // Stripe's limit on expansion depth

    /// <summary>Expands <paramref name="paths"/> in <paramref name="target"/> (an object or a list), which the caller owns (a copy).</summary>
    public static JsonObject Apply(JsonObject target, IReadOnlyList<string> paths, Func<string, JsonObject?> find)
    {
        foreach (var path in paths)
        {
            var segments = path.Split('.');
            if (segments.Length > MaxDepth || segments.Any(s => s.Length == 0))
                throw StripeErrors.Invalid("expand", $"You cannot expand more than {MaxDepth} levels of a property, and each level needs a name: '{path}'.");
            Expand(target, segments, find, path);
        }
        return target;
    }

    static void Expand(JsonObject node, ReadOnlySpan<string> segments, Func<string, JsonObject?> find, string path)
    {
        var name = segments[0];
        if ((string?)node["object"] == "list" && name == "data" && node["data"] is JsonArray items)
        {
            if (segments.Length == 1) return;
            foreach (var item in items)
                if (item is JsonObject element) Expand(element, segments[1..], find, path);
            return;
        }
        if (!node.ContainsKey(name))
            throw StripeErrors.Invalid("expand", $"This property cannot be expanded ({path}).");
        var value = node[name];
        if (value is JsonValue id && id.TryGetValue<string>(out var text) && find(text) is { } found)
        {
            value = found.DeepClone();
            node[name] = value;
        }
        if (segments.Length > 1 && value is JsonObject child) Expand(child, segments[1..], find, path);
    }
}
