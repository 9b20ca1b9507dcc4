using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Api;

/// <summary>An answer of the Stripe API fake: status and JSON body.</summary>
public sealed record StripeResponse(int Status, JsonNode Body)
{
    /// <summary>Refused during parameter validation: Stripe stores no idempotent result for it, so the key may be reused.</summary>
    public bool IsValidationError { get; init; }

    public static StripeResponse Ok(JsonNode body) => new(200, body);
}
