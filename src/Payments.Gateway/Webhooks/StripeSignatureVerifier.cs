using Microsoft.Extensions.Options;
using Stripe;

namespace Payments.Gateway.Webhooks;

public sealed record SignatureCheck(bool IsValid, string? Reason, string? Detail, int SecretIndex = -1)
{
    public static SignatureCheck Valid(int secretIndex) => new(true, null, null, secretIndex);
    public static SignatureCheck Invalid(string reason, string detail) => new(false, reason, detail);
}

/// <summary>
/// Checks <c>Stripe-Signature</c> with Stripe.net's <see cref="EventUtility.ValidateSignature(string,string,string,long,long)"/>
/// against each configured secret; one match is enough (during a roll Stripe signs with every active secret).
/// </summary>
public sealed class StripeSignatureVerifier(IOptions<GatewayOptions> options, TimeProvider clock)
{
    public SignatureCheck Verify(string payload, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return SignatureCheck.Invalid("signature_missing", "The request has no Stripe-Signature header.");

        var settings = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        SignatureCheck? stale = null, mismatch = null;
        for (var i = 0; i < settings.WebhookSecrets.Length; i++)
        {
            try
            {
                EventUtility.ValidateSignature(payload, header, settings.WebhookSecrets[i], settings.SignatureToleranceSeconds, now);
                return SignatureCheck.Valid(i);
            }
            catch (StripeException e) when (e.Message.Contains("tolerance", StringComparison.OrdinalIgnoreCase))
            {
                // Signed with this secret, but too old: a replay, or a badly skewed clock.
                stale ??= SignatureCheck.Invalid("signature_expired", $"{e.Message} (tolerance {settings.SignatureToleranceSeconds} s)");
            }
            catch (StripeException e)
            {
                mismatch ??= SignatureCheck.Invalid("signature_invalid", e.Message);
            }
        }
        return stale ?? mismatch ?? SignatureCheck.Invalid("signature_invalid", "No webhook secret is configured.");
    }
}
