using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe;

/// <summary>
/// Stripe's published fixtures (<c>Data/fixtures3.json</c>, MIT, see <c>Data/NOTICE.md</c>), read once from the
/// assembly's embedded resource. Every call returns a fresh deep copy, so callers may change what they get.
/// </summary>
public static class StripeFixtures
{
    const string ResourceName = "Payments.Simulators.Stripe.fixtures3.json";

    static readonly Lazy<JsonObject> Resources = new(Load);

    /// <summary>The sample object of one API resource, e.g. <c>"charge"</c>, <c>"event"</c>, <c>"customer"</c>.</summary>
    public static JsonObject Resource(string name)
    {
        if (Resources.Value[name] is not JsonObject resource)
            throw new ArgumentException($"fixtures3.json has no resource named '{name}'.", nameof(name));
        return (JsonObject)resource.DeepClone();
    }

    static JsonObject Load()
    {
        using var stream = typeof(StripeFixtures).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {typeof(StripeFixtures).Assembly.GetName().Name}.");
        var root = JsonNode.Parse(stream) as JsonObject;
        return root?["resources"] as JsonObject
            ?? throw new InvalidOperationException("fixtures3.json has no top-level 'resources' object.");
    }
}
