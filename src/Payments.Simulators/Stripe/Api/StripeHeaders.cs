namespace Payments.Simulators.Stripe.Api;

/// <summary>Stripe's own response headers (docs/external-apis/stripe.md#retries, #idempotency).</summary>
public static class StripeHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const string IdempotentReplayed = "Idempotent-Replayed";
    public const string ShouldRetry = "Stripe-Should-Retry";
    public const string RequestId = "Request-Id";
    public const string Version = "Stripe-Version";
}
