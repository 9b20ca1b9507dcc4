using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.ZnodeOrderToCash;

/// <summary><c>payment_intent.succeeded</c> of a Znode order ⇒ <see cref="ZnodeOrderPaymentSucceeded"/> (the amount received, the latest charge as the transaction id).</summary>
public sealed class ZnodePaymentIntentSucceededMapper(IOptions<ZnodeOrderToCashOptions> options) : IStripeEventMapper
{
    public const string EventType = "payment_intent.succeeded";

    public string Flow => FlowNames.ZnodeOrderToCash;

    public IReadOnlyCollection<string> EventTypes { get; } = [EventType];

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var intent = envelope.DataObject;
        var objectType = StripeJson.String(intent, "object");
        if (objectType is not null && objectType != "payment_intent")
            return StripeEventMapping.Reject($"{EventType} carries a '{objectType}', not a payment_intent.");
        if (StripeJson.NonEmpty(StripeJson.String(intent, "id")) is not { } intentId)
            return StripeEventMapping.Reject("The payment_intent has no 'id'.");
        if (!ZnodeOrderEvents.TryOrderNumber(envelope, options.Value.OrderNumberMetadataKey, intentId, out var orderNumber, out var rejection))
            return rejection!;
        if ((StripeJson.Integer(intent, "amount_received") ?? StripeJson.Integer(intent, "amount")) is not { } amount || amount <= 0)
            return StripeEventMapping.Reject($"PaymentIntent {intentId} has no positive whole 'amount_received'.");
        var currency = StripeJson.String(intent, "currency");
        if (!ZnodeOrderEvents.IsCurrency(currency))
            return StripeEventMapping.Reject($"PaymentIntent {intentId} has no ISO 4217 'currency' (got '{currency}').");
        if ((envelope.Created ?? StripeJson.UnixTime(intent, "created")) is not { } paidAt)
            return StripeEventMapping.Reject($"PaymentIntent {intentId} has no time.");

        var correlationId = ZnodeOrderEvents.CorrelationId(orderNumber);
        return StripeEventMapping.Publish(new ZnodeOrderPaymentSucceeded
        {
            CorrelationId = correlationId,
            OrderNumber = orderNumber,
            StripeEventId = envelope.Id,
            PaymentIntentId = intentId,
            ChargeId = StripeJson.Id(intent, "latest_charge"),
            AmountMinor = amount,
            Currency = currency!.ToUpperInvariant(),
            PaidAt = paidAt,
        }, correlationId);
    }
}
