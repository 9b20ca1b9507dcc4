using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.PayoutReconciliation;

/// <summary>
/// What the six <c>payout.*</c> mappers share: the payout object ⇒ <see cref="StripePayoutReported"/>, the payout as it is now, correlated to
/// the payout. The flow acts on the snapshot, so every event type maps the same fields; each type has its own class (one mapper per event
/// type). A payout belongs to the payout-reconciliation flow, never to a payment's route (https://docs.stripe.com/api/payouts/object).
/// </summary>
public abstract class PayoutReportedMapper(string eventType) : IStripeEventMapper
{
    /// <summary>Stripe's payout statuses (https://docs.stripe.com/api/payouts/object#payout_object-status).</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal) { "pending", "in_transit", "paid", "failed", "canceled" };

    /// <summary>Stripe's <c>reconciliation_status</c> values (https://docs.stripe.com/api/payouts/object#payout_object-reconciliation_status).</summary>
    public static readonly IReadOnlySet<string> ReconciliationStatuses = new HashSet<string>(StringComparer.Ordinal) { "not_applicable", "in_progress", "completed" };

    public string Flow => FlowNames.PayoutReconciliation;

    public IReadOnlyCollection<string> EventTypes { get; } = [eventType];

    public bool StartsPayment => false;

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var payout = envelope.DataObject;
        var objectType = StripeJson.String(payout, "object");
        if (objectType != "payout")
            return StripeEventMapping.Reject($"{envelope.Type} carries a '{objectType ?? "(no object)"}', not a payout.");
        if (StripeJson.NonEmpty(StripeJson.String(payout, "id")) is not { } payoutId)
            return StripeEventMapping.Reject("The payout has no 'id'.");
        if (StripeJson.Integer(payout, "amount") is not { } amount || amount <= 0)
            return StripeEventMapping.Reject($"Payout {payoutId} has no positive whole 'amount'.");
        if (StripeJson.Currency(payout) is not { } currency)
            return StripeEventMapping.Reject($"Payout {payoutId} has no ISO 4217 'currency' (got '{StripeJson.String(payout, "currency")}').");
        if (StripeJson.String(payout, "status") is not { } status || !Statuses.Contains(status))
            return StripeEventMapping.Reject(
                $"Payout {payoutId} has no known 'status' (got '{StripeJson.String(payout, "status")}'; expected one of {string.Join(", ", Statuses)}).");
        if (StripeJson.Boolean(payout, "automatic") is not { } automatic)
            return StripeEventMapping.Reject($"Payout {payoutId} has no 'automatic' true or false.");
        if (StripeJson.String(payout, "reconciliation_status") is not { } reconciliation || !ReconciliationStatuses.Contains(reconciliation))
            return StripeEventMapping.Reject($"Payout {payoutId} has no known 'reconciliation_status' (got '{StripeJson.String(payout, "reconciliation_status")}'; " +
                                             $"expected one of {string.Join(", ", ReconciliationStatuses)}).");
        if (StripeJson.UnixTime(payout, "arrival_date") is not { } arrivalDate)
            return StripeEventMapping.Reject($"Payout {payoutId} has no 'arrival_date'.");
        if (StripeJson.UnixTime(payout, "created") is not { } createdAt)
            return StripeEventMapping.Reject($"Payout {payoutId} has no 'created' time.");
        // Snapshots are ordered by the event's time; as the other mappers do, the object's own time stands in when an event lacks it.
        var reportedAt = envelope.Created ?? createdAt;

        var correlationId = CorrelationKey.StripePayout(payoutId).ToGuid();
        return StripeEventMapping.Publish(new StripePayoutReported
        {
            CorrelationId = correlationId,
            PayoutId = payoutId,
            StripeEventId = envelope.Id,
            EventType = envelope.Type,
            AmountMinor = amount,
            Currency = currency,
            Status = status,
            Automatic = automatic,
            ReconciliationStatus = reconciliation,
            ArrivalDate = arrivalDate,
            BalanceTransactionId = StripeJson.NonEmpty(StripeJson.Id(payout, "balance_transaction")),
            FailureCode = StripeJson.NonEmpty(StripeJson.String(payout, "failure_code")),
            FailureMessage = StripeJson.NonEmpty(StripeJson.String(payout, "failure_message")),
            FailureBalanceTransactionId = StripeJson.NonEmpty(StripeJson.Id(payout, "failure_balance_transaction")),
            Description = StripeJson.NonEmpty(StripeJson.String(payout, "description")),
            PayoutCreatedAt = createdAt,
            ReportedAt = reportedAt,
        }, correlationId);
    }
}
