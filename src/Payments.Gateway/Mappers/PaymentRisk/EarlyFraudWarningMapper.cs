using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.PaymentRisk;

/// <summary>
/// <c>radar.early_fraud_warning.created</c> and <c>.updated</c> ⇒ <see cref="EarlyFraudWarningReported"/>, correlated to the charge's
/// risk. A warning belongs to the payment-risk flow whichever flow took the payment
/// (https://docs.stripe.com/api/radar/early_fraud_warnings/object).
/// </summary>
public sealed class EarlyFraudWarningMapper : IStripeEventMapper
{
    public string Flow => FlowNames.PaymentRisk;

    public IReadOnlyCollection<string> EventTypes { get; } = ["radar.early_fraud_warning.created", "radar.early_fraud_warning.updated"];

    public bool StartsPayment => false;

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var warning = envelope.DataObject;
        var objectType = StripeJson.String(warning, "object");
        if (objectType != "radar.early_fraud_warning")
            return StripeEventMapping.Reject($"{envelope.Type} carries a '{objectType ?? "(no object)"}', not an early fraud warning.");
        if (StripeJson.NonEmpty(StripeJson.String(warning, "id")) is not { } warningId)
            return StripeEventMapping.Reject("The early fraud warning has no 'id'.");
        if (StripeJson.NonEmpty(StripeJson.Id(warning, "charge")) is not { } chargeId)
            return StripeEventMapping.Reject($"Early fraud warning {warningId} has no 'charge'.");
        if (StripeJson.Boolean(warning, "actionable") is not { } actionable)
            return StripeEventMapping.Reject($"Early fraud warning {warningId} has no true/false 'actionable'.");
        if (StripeJson.NonEmpty(StripeJson.String(warning, "fraud_type")) is not { } fraudType)
            return StripeEventMapping.Reject($"Early fraud warning {warningId} has no 'fraud_type'.");
        if ((envelope.Created ?? StripeJson.UnixTime(warning, "created")) is not { } reportedAt)
            return StripeEventMapping.Reject($"{envelope.Type} of early fraud warning {warningId} has no 'created' time.");

        var correlationId = CorrelationKey.ChargeRisk(chargeId).ToGuid();
        return StripeEventMapping.Publish(new EarlyFraudWarningReported
        {
            CorrelationId = correlationId,
            StripeEventId = envelope.Id,
            EventType = envelope.Type,
            WarningId = warningId,
            ChargeId = chargeId,
            PaymentIntentId = StripeJson.NonEmpty(StripeJson.Id(warning, "payment_intent")),
            Actionable = actionable,
            FraudType = fraudType,
            ReportedAt = reportedAt,
        }, correlationId);
    }
}
