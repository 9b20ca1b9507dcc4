using System.Text.Json;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;

namespace Payments.Gateway.Webhooks;

public enum MappingKind { Publish, Ignore, Reject }

/// <summary>What to do with a verified event: publish <see cref="Message"/>, ignore it (type not handled), or reject it with <see cref="Reason"/>.</summary>
public sealed record StripeEventMapping(MappingKind Kind, object? Message, Guid? CorrelationId, string? Reason)
{
    public static StripeEventMapping Publish(object message, Guid correlationId) => new(MappingKind.Publish, message, correlationId, null);
    public static StripeEventMapping Ignore(string reason) => new(MappingKind.Ignore, null, null, reason);
    public static StripeEventMapping Reject(string reason) => new(MappingKind.Reject, null, null, reason);
}

/// <summary>Turns raw Stripe events into typed domain events. Pure: JSON in, message out.</summary>
public static class StripeEventMapper
{
    public const string ChargeSucceeded = "charge.succeeded";

    public static StripeEventMapping Map(StripeEventEnvelope envelope) => envelope.Type switch
    {
        ChargeSucceeded => MapChargeSucceeded(envelope),
        _ => StripeEventMapping.Ignore($"Event type '{envelope.Type}' is not handled by the gateway."),
    };

    static StripeEventMapping MapChargeSucceeded(StripeEventEnvelope envelope)
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

        var metadata = Metadata(charge);
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
                ShippingAddress = ShippingAddress(shipping),
            },
        };
        return StripeEventMapping.Publish(message, correlationId);
    }

    static Dictionary<string, string> Metadata(JsonElement charge)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (StripeJson.Object(charge, "metadata") is { } values)
        {
            foreach (var property in values.EnumerateObject())
            {
                // Stripe stores metadata values as strings; anything else is kept in its JSON form rather than dropped.
                metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
        return metadata;
    }

    static Address? ShippingAddress(JsonElement? shipping)
    {
        if (shipping is not { } s || StripeJson.Object(s, "address") is not { } address) return null;
        var result = new Address
        {
            Name = StripeJson.NonEmpty(StripeJson.String(s, "name")),
            Line1 = StripeJson.NonEmpty(StripeJson.String(address, "line1")),
            Line2 = StripeJson.NonEmpty(StripeJson.String(address, "line2")),
            City = StripeJson.NonEmpty(StripeJson.String(address, "city")),
            State = StripeJson.NonEmpty(StripeJson.String(address, "state")),
            PostalCode = StripeJson.NonEmpty(StripeJson.String(address, "postal_code")),
            Country = StripeJson.NonEmpty(StripeJson.String(address, "country")),
        };
        return result.Line1 is null && result.City is null && result.PostalCode is null && result.Country is null ? null : result;
    }
}
