using System.Security.Cryptography;
using System.Text;

namespace Payments.StripeService.Charges;

/// <summary>
/// Idempotency keys for writing an order reference onto a charge: the business key (charge and order) plus the delivery attempt
/// (<c>Payments.ServiceDefaults.Messaging.DeliveryAttempt</c>). A delivery of the same attempt again sends the same key and gets Stripe's
/// stored answer; a new attempt after a failure sends a new key, because Stripe stores a <c>500</c> against a key and replays it for a day
/// (docs/external-apis/stripe.md#idempotency). <see cref="ChargeOrderReferences"/> reads the charge back before each write, so a new key
/// never writes twice what an earlier attempt already wrote.
/// </summary>
public static class OrderReferenceIdempotencyKey
{
    const int MaxLength = 255; // Stripe's limit on an idempotency key

    public static string For(string chargeId, string orderNo, string attempt)
    {
        var key = $"p21-order-ref:{chargeId}:{orderNo}:{attempt}";
        return key.Length <= MaxLength ? key : $"p21-order-ref:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";
    }
}
