using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Simulators.Stripe.Webhooks;

/// <summary>
/// The <c>Stripe-Signature</c> header as Stripe computes it (docs.stripe.com/webhooks#verify-manually): <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where v1 is the lower-case hex HMAC-SHA256, keyed with the endpoint secret, of <c>"{t}.{raw body}"</c> in UTF-8.
/// </summary>
public static class StripeSignature
{
    public static string Header(string payload, string secret, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Compute(secret, timestamp, payload)}";
    }

    public static string Compute(string secret, string timestamp, string payload)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return Convert.ToHexStringLower(mac);
    }
}
