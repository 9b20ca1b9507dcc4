using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Webhooks;

namespace Payments.Simulators.Stripe.Account;

public sealed partial class StripeAccount
{
    readonly Dictionary<string, List<StripeEventDelivery>> _deliveries = new(StringComparer.Ordinal);
    readonly Dictionary<string, StripeEventDeliveryState> _deliveryStates = new(StringComparer.Ordinal);

    /// <summary>
    /// Emits an event about an object (a snapshot of it goes into <c>data.object</c>), as Stripe would after a change; kept for
    /// <c>/v1/events</c> and sent to the webhook endpoint when one is configured. Any type may be named (e.g. to replay a
    /// <c>charge.succeeded</c>); the object must exist.
    /// </summary>
    public JsonObject EmitEvent(string type, string objectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        lock (Gate)
        {
            var subject = Find(objectId) ?? throw new KeyNotFoundException($"No object {objectId} in the Stripe fake.");
            return Copy(Emit(type, subject));
        }
    }

    /// <summary>Every event, newest first, with how its deliveries went.</summary>
    public IReadOnlyList<StripeEventRecord> Events
    {
        get
        {
            lock (Gate)
                return [.. Newest("event").Select(e => Record((string)e["id"]!))];
        }
    }

    public StripeEventRecord? FindEvent(string eventId)
    {
        lock (Gate) return _deliveryStates.ContainsKey(eventId) ? Record(eventId) : null;
    }

    /// <summary>Events whose every delivery succeeded (or that had nowhere to go): <c>delivery_success=true</c>.</summary>
    internal bool DeliverySucceeded(string eventId) =>
        _deliveryStates.GetValueOrDefault(eventId) is StripeEventDeliveryState.Delivered or StripeEventDeliveryState.NoEndpoint;

    JsonObject Emit(string type, JsonObject subject, JsonObject? previousAttributes = null)
    {
        var endpoint = Webhooks.Endpoint;
        var evt = StripeFixtures.Resource("event");
        evt["id"] = StripeIds.New("evt");
        evt["type"] = type;
        evt["api_version"] = StripeEventBuilder.ApiVersion;
        evt["created"] = Now;
        evt["livemode"] = false;
        evt["pending_webhooks"] = endpoint is null ? 0 : 1;
        // Events of API calls name the call; automatic ones (payouts) have a null request id, as at Stripe.
        evt["request"] = new JsonObject { ["id"] = _origin?.RequestId, ["idempotency_key"] = _origin?.IdempotencyKey };
        var data = new JsonObject { ["object"] = subject.DeepClone() };
        if (previousAttributes is not null) data["previous_attributes"] = previousAttributes;
        evt["data"] = data;
        Store(evt);
        var id = (string)evt["id"]!;
        _deliveries[id] = [];
        _deliveryStates[id] = endpoint is null ? StripeEventDeliveryState.NoEndpoint : StripeEventDeliveryState.Pending;
        if (endpoint is not null) Webhooks.Enqueue(id);
        return evt;
    }

    /// <summary>The exact body to POST for an event.</summary>
    internal string? EventBody(string eventId)
    {
        lock (Gate) return Find(eventId) is { } evt && (string?)evt["object"] == "event" ? evt.ToJsonString() : null;
    }

    internal void RecordDelivery(string eventId, StripeEventDelivery delivery)
    {
        lock (Gate)
        {
            if (!_deliveries.TryGetValue(eventId, out var attempts)) return;
            attempts.Add(delivery);
            _deliveryStates[eventId] = delivery.Succeeded ? StripeEventDeliveryState.Delivered : StripeEventDeliveryState.Failed;
            // What /v1/events shows: webhooks still owed for this event.
            if (Find(eventId) is { } evt) evt["pending_webhooks"] = delivery.Succeeded ? 0 : 1;
        }
    }

    StripeEventRecord Record(string eventId) =>
        new(eventId, (string)_objects[eventId]["type"]!, Copy(_objects[eventId]), _deliveryStates[eventId], [.. _deliveries[eventId]]);
}
