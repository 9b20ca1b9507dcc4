using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Webhooks;
using Stripe;

namespace Payments.Simulators.Stripe;

/// <summary>A webhook event body as Stripe would POST it, plus the means to sign it.</summary>
public sealed record StripeWebhookEvent(string Id, string Type, string Json)
{
    /// <summary>The <c>Stripe-Signature</c> header for this body (<c>t=…,v1=…</c>), signed at <paramref name="signedAt"/> (default now).</summary>
    public string Sign(string secret, DateTimeOffset? signedAt = null) => StripeEventBuilder.Sign(Json, secret, signedAt);
}

/// <summary>
/// Builds realistic Stripe webhook events from the fixture's <c>event</c> and <c>charge</c> objects, on the API version
/// of the Stripe.net package in use (so <c>EventUtility</c> accepts them), and signs them as Stripe does.
/// </summary>
public static class StripeEventBuilder
{
    /// <summary>The API version Stripe.net pins (e.g. <c>2026-10-28.endive</c>).</summary>
    public static string ApiVersion => StripeConfiguration.ApiVersion;

    /// <summary>A <c>charge.succeeded</c> event whose <c>data.object</c> is <paramref name="charge"/> (default: a fresh charge).</summary>
    public static StripeWebhookEvent ChargeSucceeded(ChargeSpec? charge = null, string? eventId = null, string? apiVersion = null)
    {
        charge ??= new ChargeSpec();
        return Create("charge.succeeded", charge.ToJson(), eventId, apiVersion, charge.Created, charge.Livemode);
    }

    /// <summary>Any event type around any object, e.g. <c>Create("customer.created", StripeFixtures.Resource("customer"))</c>.</summary>
    public static StripeWebhookEvent Create(string type, JsonObject dataObject, string? eventId = null, string? apiVersion = null,
        DateTimeOffset? created = null, bool livemode = false)
    {
        var id = eventId ?? StripeIds.New("evt");
        var evt = StripeFixtures.Resource("event");
        evt["id"] = id;
        evt["type"] = type;
        evt["api_version"] = apiVersion ?? ApiVersion;
        evt["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        evt["livemode"] = livemode;
        evt["pending_webhooks"] = 1;
        evt["request"] = new JsonObject { ["id"] = StripeIds.New("req"), ["idempotency_key"] = Guid.NewGuid().ToString() };
        evt["data"] = new JsonObject { ["object"] = dataObject };
        return new StripeWebhookEvent(id, type, evt.ToJsonString());
    }

    /// <summary>Signs a raw body as Stripe does (<see cref="StripeSignature"/>; what Stripe.net's <c>EventUtility</c> verifies).</summary>
    public static string Sign(string payload, string secret, DateTimeOffset? signedAt = null) =>
        StripeSignature.Header(payload, secret, signedAt ?? DateTimeOffset.UtcNow);
}
