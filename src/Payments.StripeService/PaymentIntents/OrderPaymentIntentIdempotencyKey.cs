namespace Payments.StripeService.PaymentIntents;

/// <summary>
/// Deterministic idempotency keys for a Znode order's Stripe calls, derived from the order number: a retried, redelivered or timed-out
/// command sends the same key with the same parameters and gets Stripe's stored answer (the same customer, the same PaymentIntent)
/// instead of a second one (docs/external-apis/stripe.md#idempotency).
/// </summary>
public static class OrderPaymentIntentIdempotencyKey
{
    public static string PaymentIntent(string orderNumber) => $"znode-order-pi:{orderNumber}";

    public static string Customer(string orderNumber) => $"znode-order-customer:{orderNumber}";
}
