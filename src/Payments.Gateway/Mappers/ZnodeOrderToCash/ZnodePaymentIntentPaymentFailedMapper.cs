using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.ZnodeOrderToCash;

/// <summary>
/// <c>payment_intent.payment_failed</c> of a Znode order ⇒ <see cref="ZnodeOrderPaymentFailed"/>, with Stripe's decline code and message
/// from <c>last_payment_error</c> (its <c>decline_code</c>, else its <c>code</c>) and the failed charge, so the saga counts the attempt once
/// when <c>charge.failed</c> reports it too.
/// </summary>
public sealed class ZnodePaymentIntentPaymentFailedMapper(IOptions<ZnodeOrderToCashOptions> options) : IStripeEventMapper
{
    public const string EventType = "payment_intent.payment_failed";

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
        if ((envelope.Created ?? StripeJson.UnixTime(intent, "created")) is not { } failedAt)
            return StripeEventMapping.Reject($"PaymentIntent {intentId} has no time.");

        var error = StripeJson.Object(intent, "last_payment_error");
        var correlationId = ZnodeOrderEvents.CorrelationId(orderNumber);
        return StripeEventMapping.Publish(new ZnodeOrderPaymentFailed
        {
            CorrelationId = correlationId,
            OrderNumber = orderNumber,
            StripeEventId = envelope.Id,
            PaymentIntentId = intentId,
            ChargeId = (error is { } e ? StripeJson.Id(e, "charge") : null) ?? StripeJson.Id(intent, "latest_charge"),
            DeclineCode = error is { } d ? StripeJson.NonEmpty(StripeJson.String(d, "decline_code")) ?? StripeJson.NonEmpty(StripeJson.String(d, "code")) : null,
            FailureMessage = error is { } m ? StripeJson.NonEmpty(StripeJson.String(m, "message")) : null,
            FailedAt = failedAt,
        }, correlationId);
    }
}
