using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Api;

/// <summary>An answer of the Stripe API fake: status, JSON body and the headers of its own it carries (e.g. <c>Stripe-Should-Retry</c>).</summary>
public sealed record StripeResponse(int Status, JsonNode Body)
{
    /// <summary>Refused during parameter validation: Stripe stores no idempotent result for it, so the key may be reused.</summary>
    public bool IsValidationError { get; init; }

    /// <summary>Response headers besides the ones every answer gets; stored and replayed with the answer.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static StripeResponse Ok(JsonNode body) => new(200, body);

    /// <summary>This answer with <c>Stripe-Should-Retry</c>: Stripe's verdict on whether the same request can succeed if sent again.</summary>
    public StripeResponse WithShouldRetry(bool shouldRetry) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [StripeHeaders.ShouldRetry] = shouldRetry ? "true" : "false" } };
}
