using System.Globalization;
using Payments.Contracts.Shared;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Charges;

/// <summary>
/// Writes the P21 order number and customer id into a charge's metadata, so Stripe's dashboard and exports point at the order.
/// The charge is read back first: when an earlier attempt's change was applied although its answer was lost (a dropped connection, a
/// <c>500</c> after applying), the order is already there and nothing is written again. Each attempt writes with its own idempotency key
/// (<see cref="OrderReferenceIdempotencyKey"/>), so a <c>500</c> Stripe stored against one attempt's key does not fail the next.
/// Failures come out sorted (<see cref="StripeFailures"/>).
/// </summary>
public sealed class ChargeOrderReferences(StripeClient stripe, ILogger<ChargeOrderReferences> logger)
{
    /// <returns>True when this call wrote the metadata; false when the charge already carried the order.</returns>
    public async Task<bool> RecordP21OrderAsync(string chargeId, string orderNo, long customerId, string attempt, CancellationToken cancellationToken)
    {
        var customer = customerId.ToString(CultureInfo.InvariantCulture);
        var what = $"Recording P21 order {orderNo} on charge {chargeId}";
        Charge charge;
        try
        {
            charge = await stripe.V1.Charges.GetAsync(chargeId, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (StripeFailures.IsFromStripeCall(e, cancellationToken))
        {
            throw StripeFailures.Classify(e, $"{what} (reading the charge back)");
        }

        var metadata = charge.Metadata ?? new Dictionary<string, string>();
        var recordedOrder = metadata.GetValueOrDefault(StripeMetadataKeys.P21OrderNo);
        if (recordedOrder == orderNo && metadata.GetValueOrDefault(StripeMetadataKeys.P21CustomerId) == customer)
            return false;
        if (!string.IsNullOrEmpty(recordedOrder) && recordedOrder != orderNo)
            logger.LogWarning("Charge {ChargeId} carries P21 order {RecordedOrderNo}; replacing it with {OrderNo}, the order the flow posted", chargeId, recordedOrder, orderNo);

        var update = new ChargeUpdateOptions
        {
            // Stripe merges metadata keys: keys set by the shop (or anyone else) stay as they are.
            Metadata = new Dictionary<string, string>
            {
                [StripeMetadataKeys.P21OrderNo] = orderNo,
                [StripeMetadataKeys.P21CustomerId] = customer,
            },
        };
        var request = new RequestOptions { IdempotencyKey = OrderReferenceIdempotencyKey.For(chargeId, orderNo, attempt) };
        try
        {
            await stripe.V1.Charges.UpdateAsync(chargeId, update, request, cancellationToken);
            return true;
        }
        catch (Exception e) when (StripeFailures.IsFromStripeCall(e, cancellationToken))
        {
            throw StripeFailures.Classify(e, what);
        }
    }
}
