using Payments.Gateway.Webhooks;
using Stripe;

namespace Payments.Cli.StripeWebhooks;

/// <summary>
/// How one Stripe webhook endpoint differs from what the gateway needs (<see cref="StripeWebhookEvents"/>): event types it does not
/// send, types it sends that no flow consumes (<c>*</c> counts as one), an API version off Stripe.net's train, a disabled status.
/// </summary>
public sealed record WebhookEndpointDrift(string EndpointId, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra, string? ApiVersion,
    bool OtherApiVersion, bool Disabled)
{
    public static WebhookEndpointDrift Of(WebhookEndpoint endpoint)
    {
        var enabled = endpoint.EnabledEvents ?? [];
        var missing = enabled.Contains("*") ? [] : StripeWebhookEvents.Types.Except(enabled, StringComparer.Ordinal).ToList();
        var extra = enabled.Except(StripeWebhookEvents.Types, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new WebhookEndpointDrift(endpoint.Id, missing, extra, endpoint.ApiVersion,
            !ApiVersions.IsOnSdkTrain(endpoint.ApiVersion), endpoint.Status == "disabled");
    }

    public bool None => Missing.Count == 0 && Extra.Count == 0 && !OtherApiVersion && !Disabled;

    /// <summary>One line per difference, for the operator.</summary>
    public IEnumerable<string> Lines()
    {
        if (Disabled)
            yield return $"{EndpointId}: disabled: Stripe sends it nothing (Stripe disables an endpoint after days of failed deliveries); `payments stripe webhook setup` enables it";
        if (OtherApiVersion)
            yield return $"{EndpointId}: API version {ApiVersion ?? "(the account's default)"}, the gateway reads {StripeWebhookEvents.ApiVersion} "
                + "(Stripe fixes an endpoint's version when it is created: `payments stripe webhook setup` creates one on it)";
        foreach (var type in Missing)
            yield return $"{EndpointId}: missing event {type}";
        foreach (var type in Extra)
            yield return $"{EndpointId}: extra event {type} (no flow consumes it)";
    }
}
