using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/events</c>: retrieve and list every event the fake emitted (filters <c>type</c> with <c>*</c> wildcards, <c>types[]</c>,
/// <c>delivery_success</c>: false = not yet delivered or failed, the backlog a webhook consumer recovers with <c>ending_before</c>).
/// </summary>
sealed class EventsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Get("events.list", "/v1/events", List);
        routes.Get("events.retrieve", "/v1/events/{id}", request => StripeAnswers.Object(account, request, account.Require("event", request.Route(), "event")));
    }

    StripeResponse List(StripeRequest request)
    {
        var p = request.Parameters;
        IEnumerable<JsonObject> events = account.Newest("event");
        if (p.String("type") is { } type)
        {
            // Stripe allows one '*' wildcard, e.g. charge.dispute.*.
            var prefix = type.EndsWith('*') ? type[..^1] : null;
            events = events.Where(e => prefix is null ? (string?)e["type"] == type : ((string?)e["type"])?.StartsWith(prefix, StringComparison.Ordinal) == true);
        }
        if (p.List("types") is { Count: > 0 } types) events = events.Where(e => types.Contains((string?)e["type"]));
        if (p.Bool("delivery_success") is { } delivered) events = events.Where(e => account.DeliverySucceeded((string)e["id"]!) == delivered);
        return StripeAnswers.List(account, request, events, "/v1/events", "event", "type", "types", "delivery_success");
    }
}
