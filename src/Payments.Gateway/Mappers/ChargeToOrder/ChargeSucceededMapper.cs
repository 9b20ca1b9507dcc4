using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.ChargeToOrder;

/// <summary><c>charge.succeeded</c> ⇒ <see cref="StripeChargeSucceeded"/>, the start of the charge-to-order flow.</summary>
public sealed class ChargeSucceededMapper : IStripeEventMapper
{
    public const string EventType = "charge.succeeded";

    public string Flow => FlowNames.ChargeToOrder;

    public IReadOnlyCollection<string> EventTypes { get; } = [EventType];

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var charge = envelope.DataObject;
        var objectType = StripeJson.String(charge, "object");
        if (objectType is not null && objectType != "charge")
            return StripeEventMapping.Reject($"charge.succeeded carries a '{objectType}', not a charge.");
        var chargeId = StripeJson.String(charge, "id");
        if (string.IsNullOrWhiteSpace(chargeId))
            return StripeEventMapping.Reject("The charge has no 'id'.");
        if (StripeJson.Integer(charge, "amount") is not { } amount || amount < 0)
            return StripeEventMapping.Reject($"Charge {chargeId} has no whole, non-negative 'amount'.");
        var currency = StripeJson.String(charge, "currency");
        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetter))
            return StripeEventMapping.Reject($"Charge {chargeId} has no ISO 4217 'currency' (got '{currency}').");
        if ((StripeJson.UnixTime(charge, "created") ?? envelope.Created) is not { } paidAt)
            return StripeEventMapping.Reject($"Charge {chargeId} has no 'created' time.");

        var metadata = StripeJson.Metadata(charge);
        IReadOnlyList<OrderLine> lines = [];
        if (metadata.TryGetValue(OrderItemsMetadata.Key, out var items))
        {
            try
            {
                lines = OrderItemsMetadata.Parse(items);
            }
            catch (FormatException e)
            {
                return StripeEventMapping.Reject($"Charge {chargeId}: {e.Message}");
            }
        }

        var billing = StripeJson.Object(charge, "billing_details");
        var shipping = StripeJson.Object(charge, "shipping");
        var paymentIntentId = StripeJson.Id(charge, "payment_intent");
        var correlationId = CorrelationKey.StripePayment(paymentIntentId, chargeId).ToGuid();

        var message = new StripeChargeSucceeded
        {
            CorrelationId = correlationId,
            StripeEventId = envelope.Id,
            Livemode = envelope.Livemode,
            Payment = new PaymentDetails
            {
                ChargeId = chargeId,
                PaymentIntentId = paymentIntentId,
                AmountMinor = amount,
                Currency = currency.ToUpperInvariant(),
                CustomerEmail = StripeJson.NonEmpty(billing is { } b ? StripeJson.String(b, "email") : null)
                                ?? StripeJson.NonEmpty(StripeJson.String(charge, "receipt_email")),
                CustomerName = StripeJson.NonEmpty(billing is { } b2 ? StripeJson.String(b2, "name") : null)
                               ?? StripeJson.NonEmpty(shipping is { } s ? StripeJson.String(s, "name") : null),
                StripeCustomerId = StripeJson.Id(charge, "customer"),
                Description = StripeJson.NonEmpty(StripeJson.String(charge, "description")),
                Metadata = metadata,
                Lines = lines,
                PaidAt = paidAt,
                ShippingAddress = StripeJson.ShippingAddress(shipping),
            },
        };
        return StripeEventMapping.Publish(message, correlationId);
    }
}
