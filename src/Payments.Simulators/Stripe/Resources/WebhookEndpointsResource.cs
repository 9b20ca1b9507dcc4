using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/webhook_endpoints</c>: create (the only answer with the <c>secret</c>), retrieve, update (no <c>api_version</c>: Stripe fixes it at
/// creation), list, delete; what <c>payments stripe webhook setup|check</c> calls.
/// </summary>
sealed class WebhookEndpointsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("webhook_endpoints.create", "/v1/webhook_endpoints", request =>
        {
            var p = request.Parameters;
            p.Allow("url", "enabled_events", "api_version", "description", "metadata", "connect", "expand");
            return StripeResponse.Ok(account.CreateWebhookEndpoint(new WebhookEndpointFields
            {
                Url = p.RequiredString("url"), EnabledEvents = p.List("enabled_events"), ApiVersion = p.String("api_version"),
                Description = p.String("description"), Metadata = MetadataUpdate.From(p),
            }));
        });
        routes.Get("webhook_endpoints.list", "/v1/webhook_endpoints", request =>
            StripeAnswers.List(account, request, account.Newest("webhook_endpoint").NotDeleted(), "/v1/webhook_endpoints", "webhook_endpoint"));
        routes.Get("webhook_endpoints.retrieve", "/v1/webhook_endpoints/{id}", request =>
            StripeAnswers.Object(account, request, account.Require("webhook_endpoint", request.Route(), "webhook endpoint")));
        routes.Post("webhook_endpoints.update", "/v1/webhook_endpoints/{id}", request =>
        {
            var p = request.Parameters;
            p.Allow("url", "enabled_events", "description", "disabled", "metadata", "expand");
            return StripeAnswers.Object(account, request, account.UpdateWebhookEndpoint(request.Route(), new WebhookEndpointFields
            {
                Url = p.String("url"), EnabledEvents = p.Has("enabled_events") ? p.List("enabled_events") : null,
                Description = p.Has("description") ? p.String("description") ?? "" : null, Disabled = p.Bool("disabled"), Metadata = MetadataUpdate.From(p),
            }));
        });
        routes.Delete("webhook_endpoints.delete", "/v1/webhook_endpoints/{id}", request => StripeResponse.Ok(account.DeleteWebhookEndpoint(request.Route())));
    }
}
