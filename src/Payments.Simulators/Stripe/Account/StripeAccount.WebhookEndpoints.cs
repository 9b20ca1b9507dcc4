using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

/// <summary>What a webhook endpoint create or update sets; null leaves a field as it is (an update).</summary>
public sealed record WebhookEndpointFields
{
    public string? Url { get; init; }
    /// <summary>Event types, or <c>*</c> for all.</summary>
    public IReadOnlyList<string>? EnabledEvents { get; init; }
    /// <summary>Create only: Stripe fixes an endpoint's API version when it is created (null: the account's default, shown as null).</summary>
    public string? ApiVersion { get; init; }
    public string? Description { get; init; }
    /// <summary>Update only: true disables the endpoint (<c>status: disabled</c>), false enables it.</summary>
    public bool? Disabled { get; init; }
    public MetadataUpdate? Metadata { get; init; }
}

public sealed partial class StripeAccount
{
    /// <summary>Stripe's limit of webhook endpoints per account (https://docs.stripe.com/webhooks#register-webhook).</summary>
    const int MaxWebhookEndpoints = 16;

    static readonly Regex EventTypeShape = new(@"^(\*|[a-z_]+(\.[a-z_*]+)+)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Creates a webhook endpoint record (<c>we_…</c>) with its signing secret, which only this answer carries, as at Stripe. The record is
    /// what <c>/v1/webhook_endpoints</c> serves; where the fake sends events stays <see cref="Webhooks"/>' configuration.
    /// </summary>
    public JsonObject CreateWebhookEndpoint(WebhookEndpointFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (Gate)
        {
            var url = CheckedUrl(fields.Url ?? throw StripeErrors.Missing("url"));
            var events = CheckedEvents(fields.EnabledEvents ?? throw StripeErrors.Missing("enabled_events"));
            if (Newest("webhook_endpoint").NotDeletedCount() >= MaxWebhookEndpoints)
                throw StripeErrors.Refused($"You have reached the maximum of {MaxWebhookEndpoints} test webhook endpoints.");
            var endpoint = StripeFixtures.Resource("webhook_endpoint");
            endpoint["id"] = StripeIds.New("we");
            endpoint["created"] = Now;
            endpoint["livemode"] = false;
            endpoint["url"] = url;
            endpoint["enabled_events"] = EventTypeList(events);
            endpoint["api_version"] = fields.ApiVersion;
            endpoint["description"] = fields.Description;
            endpoint["status"] = "enabled";
            endpoint["metadata"] = fields.Metadata?.ApplyTo(null) ?? new JsonObject();
            endpoint.Remove("secret");
            Store(endpoint);
            var answer = Copy(endpoint);
            answer["secret"] = $"whsec_{StripeIds.New("x")[2..]}";
            return answer;
        }
    }

    /// <summary>Changes an endpoint's URL, events, description, metadata or status; its API version cannot change (create another).</summary>
    public JsonObject UpdateWebhookEndpoint(string id, WebhookEndpointFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (Gate)
        {
            var endpoint = Require("webhook_endpoint", id, "webhook endpoint");
            if (fields.ApiVersion is not null) throw StripeErrors.UnknownParameter("api_version");
            if (fields.Url is not null) endpoint["url"] = CheckedUrl(fields.Url);
            if (fields.EnabledEvents is not null) endpoint["enabled_events"] = EventTypeList(CheckedEvents(fields.EnabledEvents));
            if (fields.Description is not null) endpoint["description"] = fields.Description.Length == 0 ? null : fields.Description;
            if (fields.Disabled is { } disabled) endpoint["status"] = disabled ? "disabled" : "enabled";
            if (fields.Metadata is not null) endpoint["metadata"] = fields.Metadata.ApplyTo(endpoint["metadata"]);
            return Copy(endpoint);
        }
    }

    public JsonObject DeleteWebhookEndpoint(string id)
    {
        lock (Gate)
        {
            Require("webhook_endpoint", id, "webhook endpoint");
            var deleted = new JsonObject { ["id"] = id, ["object"] = "webhook_endpoint", ["deleted"] = true };
            Store(deleted);
            return Copy(deleted);
        }
    }

    static string CheckedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw StripeErrors.Invalid("url", $"Invalid URL: {url}. URLs must be absolute http or https addresses.", "url_invalid");

    static IReadOnlyList<string> CheckedEvents(IReadOnlyList<string> events)
    {
        if (events.Count == 0) throw StripeErrors.Missing("enabled_events");
        for (var i = 0; i < events.Count; i++)
            if (!EventTypeShape.IsMatch(events[i]))
                throw StripeErrors.Invalid($"enabled_events[{i}]", $"Invalid enabled_events[{i}]: '{events[i]}' is not a Stripe event type.");
        return events;
    }

    static JsonArray EventTypeList(IReadOnlyList<string> events) => [.. events.Distinct(StringComparer.Ordinal).Select(e => (JsonNode?)JsonValue.Create(e))];
}

static class WebhookEndpointCounts
{
    public static int NotDeletedCount(this IEnumerable<JsonObject> endpoints) => endpoints.Count(e => e["deleted"] is null);
}
