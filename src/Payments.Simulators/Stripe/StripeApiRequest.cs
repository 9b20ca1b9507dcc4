namespace Payments.Simulators.Stripe;

/// <summary>One request the Stripe API fake answered, for tests and the sandbox to inspect.</summary>
/// <param name="Replayed">True when the answer was the stored response of an earlier request with the same idempotency key.</param>
/// <param name="Injected">True when the answer was an injected fault or an outage (see <see cref="StripeApiFake.FailNext"/>).</param>
public sealed record StripeApiRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string? IdempotencyKey,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    int StatusCode,
    bool Replayed,
    bool Injected);
