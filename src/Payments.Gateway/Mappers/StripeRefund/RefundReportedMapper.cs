using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.StripeRefund;

/// <summary>
/// <c>refund.created</c>, <c>refund.updated</c>, <c>refund.failed</c> and <c>charge.refund.updated</c> (each carries the refund) ⇒
/// <see cref="StripeRefundReported"/> with the refund's <b>own</b> amount, correlated to the refund. A refund belongs to the
/// stripe-refund flow whichever flow took the payment (https://docs.stripe.com/api/refunds/object).
/// </summary>
public sealed class RefundReportedMapper : IStripeEventMapper
{
    /// <summary>Stripe's refund statuses (https://docs.stripe.com/refunds#refund-statuses).</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal) { "pending", "requires_action", "succeeded", "failed", "canceled" };

    public string Flow => FlowNames.StripeRefund;

    public IReadOnlyCollection<string> EventTypes { get; } = ["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"];

    public bool StartsPayment => false;

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var refund = envelope.DataObject;
        var objectType = StripeJson.String(refund, "object");
        if (objectType != "refund")
            return StripeEventMapping.Reject($"{envelope.Type} carries a '{objectType ?? "(no object)"}', not a refund.");
        if (StripeJson.NonEmpty(StripeJson.String(refund, "id")) is not { } refundId)
            return StripeEventMapping.Reject("The refund has no 'id'.");
        if (StripeJson.NonEmpty(StripeJson.Id(refund, "charge")) is not { } chargeId)
            return StripeEventMapping.Reject($"Refund {refundId} has no 'charge'.");
        if (StripeJson.Integer(refund, "amount") is not { } amount || amount <= 0)
            return StripeEventMapping.Reject($"Refund {refundId} has no positive whole 'amount'.");
        if (StripeJson.Currency(refund) is not { } currency)
            return StripeEventMapping.Reject($"Refund {refundId} has no ISO 4217 'currency' (got '{StripeJson.String(refund, "currency")}').");
        if (StripeJson.String(refund, "status") is not { } status || !Statuses.Contains(status))
            return StripeEventMapping.Reject($"Refund {refundId} has no known 'status' (got '{StripeJson.String(refund, "status")}'; expected one of {string.Join(", ", Statuses)}).");
        if (StripeJson.UnixTime(refund, "created") is not { } createdAt)
            return StripeEventMapping.Reject($"Refund {refundId} has no 'created' time.");

        var correlationId = CorrelationKey.StripeRefund(refundId).ToGuid();
        return StripeEventMapping.Publish(new StripeRefundReported
        {
            CorrelationId = correlationId,
            StripeEventId = envelope.Id,
            EventType = envelope.Type,
            RefundId = refundId,
            ChargeId = chargeId,
            PaymentIntentId = StripeJson.NonEmpty(StripeJson.Id(refund, "payment_intent")),
            AmountMinor = amount,
            Currency = currency,
            Status = status,
            FailureReason = StripeJson.NonEmpty(StripeJson.String(refund, "failure_reason")),
            Reason = StripeJson.NonEmpty(StripeJson.String(refund, "reason")),
            ZnodeReturnNumber = StripeJson.MetadataValue(refund, StripeMetadataKeys.ZnodeReturnNumber),
            RefundCreatedAt = createdAt,
            // The event's time orders reports of one refund; an event without one (never from Stripe) falls back to the refund's.
            ReportedAt = envelope.Created ?? createdAt,
        }, correlationId);
    }
}
