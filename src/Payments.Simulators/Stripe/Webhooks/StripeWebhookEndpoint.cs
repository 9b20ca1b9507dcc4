namespace Payments.Simulators.Stripe.Webhooks;

/// <summary>Where the fake sends events and the endpoint secret (<c>whsec_…</c>) it signs them with.</summary>
public sealed record StripeWebhookEndpoint(string Url, string Secret);
