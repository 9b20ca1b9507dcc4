using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

/// <summary>
/// A <c>metadata</c> change as Stripe applies it: keys are merged into what is there; <c>metadata[key]=</c> (empty) removes a key,
/// <c>metadata=</c> removes all. Stripe's limits: 50 keys, keys up to 40 characters, values up to 500.
/// </summary>
public sealed record MetadataUpdate(bool ClearAll, IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    const int MaxKeys = 50, MaxKeyLength = 40, MaxValueLength = 500;

    public static MetadataUpdate Set(IReadOnlyDictionary<string, string> entries) => new(false, [.. entries]);

    /// <summary>The <c>metadata</c> parameters of a call, or null when it has none.</summary>
    public static MetadataUpdate? From(StripeParameters parameters)
    {
        if (parameters.Hash("metadata", out var cleared) is not { } entries) return null;
        foreach (var (key, value) in entries)
        {
            if (key.Length > MaxKeyLength)
                throw StripeErrors.Invalid($"metadata[{key}]", $"Metadata keys can have up to {MaxKeyLength} characters; '{key}' has {key.Length}.");
            if (value.Length > MaxValueLength)
                throw StripeErrors.Invalid($"metadata[{key}]", $"Metadata values can have up to {MaxValueLength} characters; the value for '{key}' has {value.Length}.");
        }
        return new MetadataUpdate(cleared, entries);
    }

    /// <summary>The metadata after this change.</summary>
    public JsonObject ApplyTo(JsonNode? current)
    {
        var metadata = ClearAll ? new JsonObject() : (JsonObject)(current as JsonObject ?? []).DeepClone();
        foreach (var (key, value) in Entries)
        {
            if (value.Length == 0) metadata.Remove(key);
            else metadata[key] = value;
        }
        if (metadata.Count > MaxKeys)
            throw StripeErrors.Invalid("metadata", $"Metadata can have up to {MaxKeys} keys; this update would leave {metadata.Count}.");
        return metadata;
    }
}
