using Microsoft.Extensions.Options;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.PaymentRisk;

/// <summary>
/// <c>charge.succeeded</c> whose Radar <c>outcome.risk_level</c> is at least <see cref="PaymentRiskOptions.ObserveRiskLevelAtLeast"/> ⇒
/// <see cref="ChargeRiskObserved"/>, published with the charge's own flow message (charge-to-order or Znode order-to-cash) in the
/// same commit; other charges are ignored here.
/// </summary>
public sealed class ChargeRiskObservedMapper(IOptions<PaymentRiskOptions> options) : IStripeEventMapper
{
    public const string EventType = "charge.succeeded";

    public string Flow => FlowNames.PaymentRisk;

    public IReadOnlyCollection<string> EventTypes { get; } = [EventType];

    public bool StartsPayment => false;

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var threshold = StripeJson.NonEmpty(options.Value.ObserveRiskLevelAtLeast);
        if (threshold is null)
            return StripeEventMapping.Ignore($"{PaymentRiskOptions.Section}:ObserveRiskLevelAtLeast is empty: charge risk is not observed.");
        var charge = envelope.DataObject;
        var outcome = StripeJson.Object(charge, "outcome");
        var level = outcome is { } o ? StripeJson.String(o, "risk_level") : null;
        if (RiskLevels.Rank(level) is not { } rank || rank < RiskLevels.Rank(threshold))
            return StripeEventMapping.Ignore($"Radar risk level '{level ?? "(none)"}' is below '{threshold}'.");

        if (StripeJson.NonEmpty(StripeJson.String(charge, "id")) is not { } chargeId)
            return StripeEventMapping.Reject("The charge has no 'id'.");
        if (StripeJson.Integer(charge, "amount") is not { } amount || amount < 0)
            return StripeEventMapping.Reject($"Charge {chargeId} has no whole, non-negative 'amount'.");
        if (StripeJson.Currency(charge) is not { } currency)
            return StripeEventMapping.Reject($"Charge {chargeId} has no ISO 4217 'currency' (got '{StripeJson.String(charge, "currency")}').");
        if ((envelope.Created ?? StripeJson.UnixTime(charge, "created")) is not { } reportedAt)
            return StripeEventMapping.Reject($"Charge {chargeId} has no 'created' time.");

        var correlationId = CorrelationKey.ChargeRisk(chargeId).ToGuid();
        return StripeEventMapping.Publish(new ChargeRiskObserved
        {
            CorrelationId = correlationId,
            StripeEventId = envelope.Id,
            ChargeId = chargeId,
            PaymentIntentId = StripeJson.NonEmpty(StripeJson.Id(charge, "payment_intent")),
            RiskLevel = level!,
            RiskScore = StripeJson.Integer(outcome!.Value, "risk_score") is { } score and >= 0 and <= 100 ? (int)score : null,
            AmountMinor = amount,
            Currency = currency,
            ReportedAt = reportedAt,
        }, correlationId);
    }
}
