namespace Payments.Gateway.Webhooks;

/// <summary>
/// What the Stripe webhook endpoint must send the gateway: exactly the event types its mappers consume (a test holds this list
/// equal to the registered mappers' <c>EventTypes</c>), on the API version Stripe.net reads (<see cref="ApiVersions.Sdk"/>).
/// <c>payments stripe webhook setup|check</c> creates and checks the endpoint from it.
/// </summary>
public static class StripeWebhookEvents
{
    /// <summary>Sorted; one entry per type, however many flows map it.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        "charge.dispute.closed",
        "charge.dispute.created",
        "charge.dispute.funds_reinstated",
        "charge.dispute.funds_withdrawn",
        "charge.dispute.updated",
        "charge.failed",
        "charge.refund.updated",
        "charge.refunded",
        "charge.succeeded",
        "customer.created",
        "customer.deleted",
        "customer.subscription.created",
        "customer.subscription.deleted",
        "customer.subscription.updated",
        "customer.updated",
        "invoice.finalized",
        "invoice.paid",
        "invoice.payment_failed",
        "invoice.voided",
        "payment_intent.payment_failed",
        "payment_intent.succeeded",
        "payout.canceled",
        "payout.created",
        "payout.failed",
        "payout.paid",
        "payout.reconciliation_completed",
        "payout.updated",
        "radar.early_fraud_warning.created",
        "radar.early_fraud_warning.updated",
        "refund.created",
        "refund.failed",
        "refund.updated",
    ];

    /// <summary>The API version to create the endpoint with: Stripe.net's own, so every event it sends is readable (<see cref="ApiVersions"/>).</summary>
    public static string ApiVersion => ApiVersions.Sdk;
}
