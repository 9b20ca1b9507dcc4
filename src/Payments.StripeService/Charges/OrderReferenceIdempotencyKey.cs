namespace Payments.StripeService.Charges;

/// <summary>
/// Deterministic idempotency keys for writing an order reference onto a charge: a redelivered command sends the same
/// key with the same parameters, so Stripe replays the first answer instead of applying the update again; the same key
/// with different parameters (another customer id for the same order) is refused by Stripe as a conflict.
/// </summary>
public static class OrderReferenceIdempotencyKey
{
    public static string For(string chargeId, string orderNo) => $"p21-order-ref:{chargeId}:{orderNo}";
}
