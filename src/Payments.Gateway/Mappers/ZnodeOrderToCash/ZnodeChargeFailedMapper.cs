using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.ZnodeOrderToCash;

/// <summary>
/// <c>charge.failed</c> of a Znode order ⇒ <see cref="ZnodeOrderPaymentFailed"/>: the decline code from the charge's <c>outcome.reason</c>
/// (the issuer's reason, e.g. <c>insufficient_funds</c>), else its <c>failure_code</c>; the message from <c>failure_message</c>, else
/// <c>outcome.seller_message</c>. Stripe also sends <c>payment_intent.payment_failed</c> for the attempt: the saga counts it once by the charge.
/// </summary>
public sealed class ZnodeChargeFailedMapper(IOptions<ZnodeOrderToCashOptions> options) : IStripeEventMapper
{
    public const string EventType = "charge.failed";

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
        if ((StripeJson.UnixTime(charge, "created") ?? envelope.Created) is not { } failedAt)
            return StripeEventMapping.Reject($"Charge {chargeId} has no 'created' time.");

        var outcome = StripeJson.Object(charge, "outcome");
        var correlationId = ZnodeOrderEvents.CorrelationId(orderNumber);
        return StripeEventMapping.Publish(new ZnodeOrderPaymentFailed
        {
            CorrelationId = correlationId,
            OrderNumber = orderNumber,
            StripeEventId = envelope.Id,
            PaymentIntentId = intentId,
            ChargeId = chargeId,
            DeclineCode = (outcome is { } o ? StripeJson.NonEmpty(StripeJson.String(o, "reason")) : null) ?? StripeJson.NonEmpty(StripeJson.String(charge, "failure_code")),
            FailureMessage = StripeJson.NonEmpty(StripeJson.String(charge, "failure_message"))
                             ?? (outcome is { } s ? StripeJson.NonEmpty(StripeJson.String(s, "seller_message")) : null),
            FailedAt = failedAt,
        }, correlationId);
    }
}
