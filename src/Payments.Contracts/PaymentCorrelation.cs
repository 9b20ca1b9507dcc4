using System.Security.Cryptography;
using System.Text;

namespace Payments.Contracts;

/// <summary>
/// Derives the saga correlation id of an order payment from its Stripe identity, so that every service,
/// every redelivery and every replica arrives at the same id without a shared look-up.
/// </summary>
public static class PaymentCorrelation
{
    // A fixed namespace keeps ids stable across releases (RFC 4122 name-based, version 5 layout).
    static readonly Guid Namespace = new("6f1c2b9e-5d0a-4c55-9a8e-3b7d2f1e4a10");

    /// <summary>The payment key: the payment intent when there is one, else the charge.</summary>
    public static string PaymentKey(string? paymentIntentId, string chargeId) =>
        string.IsNullOrWhiteSpace(paymentIntentId) ? chargeId : paymentIntentId;

    public static Guid ForPayment(string? paymentIntentId, string chargeId) => ForKey(PaymentKey(paymentIntentId, chargeId));

    public static Guid ForKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(key)];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        Encoding.UTF8.GetBytes(key, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
