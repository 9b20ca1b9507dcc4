using System.Text.Json;

namespace Payments.Gateway.Webhooks;

/// <summary>The fields of a Stripe event the gateway needs before it knows the type, read from the raw JSON.</summary>
public sealed record StripeEventEnvelope(string Id, string Type, string? ApiVersion, bool Livemode, DateTimeOffset? Created, JsonElement DataObject)
{
    /// <summary>
    /// <c>data.previous_attributes</c>: the old values of what an <c>*.updated</c> event changed (Stripe sends it only with those
    /// events, https://docs.stripe.com/api/events/object#event_object-data-previous_attributes); null when absent.
    /// </summary>
    public JsonElement? PreviousAttributes { get; init; }

    /// <summary>Reads an event body. Malformed JSON and events without id, type or data.object are refused with the reason.</summary>
    public static StripeEventRead Read(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return StripeEventRead.Malformed($"The body is not valid JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
            return StripeEventRead.Invalid($"The body is JSON {root.ValueKind}, not an event object.", null, null);
        var id = StripeJson.String(root, "id");
        var type = StripeJson.String(root, "type");
        if (string.IsNullOrWhiteSpace(id))
            return StripeEventRead.Invalid("The event has no 'id'.", null, type);
        if (string.IsNullOrWhiteSpace(type))
            return StripeEventRead.Invalid("The event has no 'type'.", id, null);
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("object", out var dataObject) || dataObject.ValueKind != JsonValueKind.Object)
            return StripeEventRead.Invalid("The event has no 'data.object'.", id, type);

        return StripeEventRead.Ok(new StripeEventEnvelope(
            id, type,
            StripeJson.String(root, "api_version"),
            root.TryGetProperty("livemode", out var livemode) && livemode.ValueKind == JsonValueKind.True,
            StripeJson.UnixTime(root, "created"),
            dataObject)
        {
            PreviousAttributes = StripeJson.Object(data, "previous_attributes"),
        });
    }
}

public sealed record StripeEventRead(StripeEventEnvelope? Envelope, bool IsMalformed, string? Failure, string? EventId, string? EventType)
{
    public static StripeEventRead Ok(StripeEventEnvelope envelope) => new(envelope, false, null, envelope.Id, envelope.Type);
    public static StripeEventRead Malformed(string failure) => new(null, true, failure, null, null);
    public static StripeEventRead Invalid(string failure, string? eventId, string? eventType) => new(null, false, failure, eventId, eventType);
}
