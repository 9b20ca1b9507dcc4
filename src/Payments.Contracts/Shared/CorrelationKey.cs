using System.Security.Cryptography;
using System.Text;

namespace Payments.Contracts.Shared;

/// <summary>
/// What a flow is about, as a kind and that kind's own key (<c>stripe-payment:pi_123</c>, <c>znode-order:12345</c>). The
/// saga correlation id is derived from both, so every service, redelivery and replica arrives at the same id without a
/// shared look-up, and equal keys of different kinds (a Znode order 12345 and a P21 order 12345) never collide.
/// </summary>
public readonly record struct CorrelationKey
{
    // A fixed namespace keeps ids stable across releases (RFC 9562 name-based, version 5 layout).
    static readonly Guid Namespace = new("6f1c2b9e-5d0a-4c55-9a8e-3b7d2f1e4a10");

    public CorrelationKey(string kind, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (kind.Contains(':'))
            throw new ArgumentException($"A correlation kind may not contain ':' (got '{kind}').", nameof(kind));
        Kind = kind;
        Key = key;
    }

    public string Kind { get; }
    public string Key { get; }

    /// <summary>The saga correlation id: a name-based UUID of <c>kind:key</c>.</summary>
    public Guid ToGuid()
    {
        var name = ToString();
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    public override string ToString() => $"{Kind}:{Key}";

    /// <summary>A Znode order, by Znode's order number.</summary>
    public static CorrelationKey ZnodeOrder(string orderNumber) => new(CorrelationKinds.ZnodeOrder, orderNumber);

    /// <summary>A Stripe payment: its payment intent when there is one, else its charge (a charge without an intent stands alone).</summary>
    public static CorrelationKey StripePayment(string? paymentIntentId, string chargeId) =>
        new(CorrelationKinds.StripePayment, string.IsNullOrWhiteSpace(paymentIntentId) ? chargeId : paymentIntentId);

    /// <summary>A Stripe charge, by charge id.</summary>
    public static CorrelationKey StripeCharge(string chargeId) => new(CorrelationKinds.StripeCharge, chargeId);

    /// <summary>A Stripe refund, by refund id.</summary>
    public static CorrelationKey StripeRefund(string refundId) => new(CorrelationKinds.StripeRefund, refundId);

    /// <summary>A Znode return, by return number.</summary>
    public static CorrelationKey ZnodeReturn(string returnNumber) => new(CorrelationKinds.ZnodeReturn, returnNumber);

    /// <summary>A Stripe dispute, by dispute id.</summary>
    public static CorrelationKey StripeDispute(string disputeId) => new(CorrelationKinds.StripeDispute, disputeId);

    /// <summary>The risk of a Stripe charge, by charge id.</summary>
    public static CorrelationKey ChargeRisk(string chargeId) => new(CorrelationKinds.ChargeRisk, chargeId);

    /// <summary>A Stripe payout, by payout id: its reconciliation.</summary>
    public static CorrelationKey StripePayout(string payoutId) => new(CorrelationKinds.StripePayout, payoutId);

    /// <summary>A Stripe customer, by customer id: the link record and its sync.</summary>
    public static CorrelationKey StripeCustomer(string customerId) => new(CorrelationKinds.StripeCustomer, customerId);

    /// <summary>A Stripe Billing subscription, by subscription id.</summary>
    public static CorrelationKey StripeSubscription(string subscriptionId) => new(CorrelationKinds.StripeSubscription, subscriptionId);
}
