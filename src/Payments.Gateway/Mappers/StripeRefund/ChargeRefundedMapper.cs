using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.StripeRefund;

/// <summary>
/// <c>charge.refunded</c> ⇒ <see cref="StripeChargeRefunded"/>, correlated to the charge. Its <c>amount_refunded</c> is the charge's
/// cumulative total and is carried for the log only: the Stripe service lists the charge's refunds and reports each one's own amount.
/// </summary>
public sealed class ChargeRefundedMapper : IStripeEventMapper
{
    public const string EventType = "charge.refunded";

    public string Flow => FlowNames.StripeRefund;

    public IReadOnlyCollection<string> EventTypes { get; } = [EventType];

    public bool StartsPayment => false;

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var charge = envelope.DataObject;
        var objectType = StripeJson.String(charge, "object");
        if (objectType != "charge")
            return StripeEventMapping.Reject($"{EventType} carries a '{objectType ?? "(no object)"}', not a charge.");
        if (StripeJson.NonEmpty(StripeJson.String(charge, "id")) is not { } chargeId)
            return StripeEventMapping.Reject("The charge has no 'id'.");
        if (StripeJson.Integer(charge, "amount_refunded") is not { } refunded || refunded < 0)
            return StripeEventMapping.Reject($"Charge {chargeId} has no whole, non-negative 'amount_refunded'.");
        if (StripeJson.Currency(charge) is not { } currency)
            return StripeEventMapping.Reject($"Charge {chargeId} has no ISO 4217 'currency' (got '{StripeJson.String(charge, "currency")}').");
        if ((envelope.Created ?? StripeJson.UnixTime(charge, "created")) is not { } reportedAt)
            return StripeEventMapping.Reject($"{EventType} of charge {chargeId} has no 'created' time.");

        var correlationId = CorrelationKey.StripeCharge(chargeId).ToGuid();
        return StripeEventMapping.Publish(new StripeChargeRefunded
        {
            CorrelationId = correlationId,
            StripeEventId = envelope.Id,
            ChargeId = chargeId,
            PaymentIntentId = StripeJson.NonEmpty(StripeJson.Id(charge, "payment_intent")),
            AmountRefundedMinor = refunded,
            Currency = currency,
            ReportedAt = reportedAt,
        }, correlationId);
    }
}
