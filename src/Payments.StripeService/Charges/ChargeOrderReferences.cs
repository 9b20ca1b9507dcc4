using System.Globalization;
using Payments.Contracts.Shared;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Charges;

/// <summary>
/// Writes the P21 order number and customer id into a charge's metadata, so Stripe's dashboard and exports point at the order.
/// Failures come out sorted (<see cref="StripeFailures"/>); the idempotency key makes every retry safe.
/// </summary>
public sealed class ChargeOrderReferences(StripeClient stripe)
{
    public async Task RecordP21OrderAsync(string chargeId, string orderNo, long customerId, CancellationToken cancellationToken)
    {
        var update = new ChargeUpdateOptions
        {
            // Stripe merges metadata keys: keys set by the shop (or anyone else) stay as they are.
            Metadata = new Dictionary<string, string>
            {
                [StripeMetadataKeys.P21OrderNo] = orderNo,
                [StripeMetadataKeys.P21CustomerId] = customerId.ToString(CultureInfo.InvariantCulture),
            },
        };
        var request = new RequestOptions { IdempotencyKey = OrderReferenceIdempotencyKey.For(chargeId, orderNo) };
        try
        {
            await stripe.V1.Charges.UpdateAsync(chargeId, update, request, cancellationToken);
        }
        catch (Exception e) when (StripeFailures.IsFromStripeCall(e, cancellationToken))
        {
            throw StripeFailures.Classify(e, $"Recording P21 order {orderNo} on charge {chargeId}");
        }
    }
}
