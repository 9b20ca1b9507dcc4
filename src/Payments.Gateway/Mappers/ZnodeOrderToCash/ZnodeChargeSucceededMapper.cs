using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.ZnodeOrderToCash;

/// <summary>
/// <c>charge.succeeded</c> of a Znode order (the order number in the charge's metadata, copied there from its PaymentIntent) ⇒
/// <see cref="ZnodeOrderPaymentSucceeded"/>. Stripe also sends <c>payment_intent.succeeded</c> for the same payment: the saga records it once.
/// </summary>
public sealed class ZnodeChargeSucceededMapper(IOptions<ZnodeOrderToCashOptions> options) : IStripeEventMapper
{
    public const string EventType = "charge.succeeded";

    public string Flow => FlowNames.ZnodeOrderToCash;

    public IReadOnlyCollection<string> EventTypes { get; } = [EventType];

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var charge = envelope.DataObject;
        var objectType = StripeJson.String(charge, "object");
        if (objectType is not null && objectType != "charge")
            return StripeEventMapping.Reject($"{EventType} carries a '{objectType}', not a charge.");
        if (StripeJson.NonEmpty(StripeJson.String(charge, "id")) is not { } chargeId)
            return StripeEventMapping.Reject("The charge has no 'id'.");
        if (!ZnodeOrderEvents.TryOrderNumber(envelope, options.Value.OrderNumberMetadataKey, chargeId, out var orderNumber, out var rejection))
            return rejection!;
        if (StripeJson.Id(charge, "payment_intent") is not { } intentId)
            return StripeEventMapping.Reject($"Charge {chargeId} of Znode order {orderNumber} has no 'payment_intent'; the Znode flow pays orders through PaymentIntents.");
        if ((StripeJson.Integer(charge, "amount_captured") is > 0 ? StripeJson.Integer(charge, "amount_captured") : StripeJson.Integer(charge, "amount")) is not { } amount
            || amount <= 0)
            return StripeEventMapping.Reject($"Charge {chargeId} has no positive whole 'amount'.");
        var currency = StripeJson.String(charge, "currency");
        if (!ZnodeOrderEvents.IsCurrency(currency))
            return StripeEventMapping.Reject($"Charge {chargeId} has no ISO 4217 'currency' (got '{currency}').");
        if ((StripeJson.UnixTime(charge, "created") ?? envelope.Created) is not { } paidAt)
            return StripeEventMapping.Reject($"Charge {chargeId} has no 'created' time.");

        var correlationId = ZnodeOrderEvents.CorrelationId(orderNumber);
        return StripeEventMapping.Publish(new ZnodeOrderPaymentSucceeded
        {
            CorrelationId = correlationId,
            OrderNumber = orderNumber,
            StripeEventId = envelope.Id,
            PaymentIntentId = intentId,
            ChargeId = chargeId,
            AmountMinor = amount,
            Currency = currency!.ToUpperInvariant(),
            PaidAt = paidAt,
        }, correlationId);
    }
}
