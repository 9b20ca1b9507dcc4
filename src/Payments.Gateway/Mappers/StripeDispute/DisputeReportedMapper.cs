using System.Text.Json;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.StripeDispute;

/// <summary>
/// The five <c>charge.dispute.*</c> events ⇒ <see cref="StripeDisputeReported"/>, the dispute as it is now (status, amount, due date,
/// balance transactions), correlated to the dispute. A dispute belongs to the stripe-dispute flow whichever flow took the payment
/// (https://docs.stripe.com/api/disputes/object).
/// </summary>
public sealed class DisputeReportedMapper : IStripeEventMapper
{
    /// <summary>Stripe's dispute statuses (https://docs.stripe.com/disputes/how-disputes-work#dispute-statuses).</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "warning_needs_response", "warning_under_review", "warning_closed", "needs_response", "under_review", "won", "lost",
    };

    public string Flow => FlowNames.StripeDispute;

    public IReadOnlyCollection<string> EventTypes { get; } =
        ["charge.dispute.created", "charge.dispute.updated", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated", "charge.dispute.closed"];

    public bool StartsPayment => false;

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var dispute = envelope.DataObject;
        var objectType = StripeJson.String(dispute, "object");
        if (objectType != "dispute")
            return StripeEventMapping.Reject($"{envelope.Type} carries a '{objectType ?? "(no object)"}', not a dispute.");
        if (StripeJson.NonEmpty(StripeJson.String(dispute, "id")) is not { } disputeId)
            return StripeEventMapping.Reject("The dispute has no 'id'.");
        if (StripeJson.NonEmpty(StripeJson.Id(dispute, "charge")) is not { } chargeId)
            return StripeEventMapping.Reject($"Dispute {disputeId} has no 'charge'.");
        if (StripeJson.Integer(dispute, "amount") is not { } amount || amount < 0)
            return StripeEventMapping.Reject($"Dispute {disputeId} has no whole, non-negative 'amount'.");
        if (StripeJson.Currency(dispute) is not { } currency)
            return StripeEventMapping.Reject($"Dispute {disputeId} has no ISO 4217 'currency' (got '{StripeJson.String(dispute, "currency")}').");
        if (StripeJson.String(dispute, "status") is not { } status || !Statuses.Contains(status))
            return StripeEventMapping.Reject($"Dispute {disputeId} has no known 'status' (got '{StripeJson.String(dispute, "status")}').");
        if ((envelope.Created ?? StripeJson.UnixTime(dispute, "created")) is not { } reportedAt)
            return StripeEventMapping.Reject($"{envelope.Type} of dispute {disputeId} has no 'created' time.");

        var transactions = new List<DisputeBalanceTransaction>();
        if (dispute.TryGetProperty("balance_transactions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (ReadTransaction(item) is not { } transaction)
                    return StripeEventMapping.Reject(
                        $"Dispute {disputeId}: balance_transactions[{index}] is not a balance transaction with id, whole amount and fee, currency and reporting_category.");
                transactions.Add(transaction);
                index++;
            }
        }

        var correlationId = CorrelationKey.StripeDispute(disputeId).ToGuid();
        return StripeEventMapping.Publish(new StripeDisputeReported
        {
            CorrelationId = correlationId,
            StripeEventId = envelope.Id,
            EventType = envelope.Type,
            DisputeId = disputeId,
            ChargeId = chargeId,
            PaymentIntentId = StripeJson.NonEmpty(StripeJson.Id(dispute, "payment_intent")),
            AmountMinor = amount,
            Currency = currency,
            Status = status,
            Reason = StripeJson.NonEmpty(StripeJson.String(dispute, "reason")),
            EvidenceDueBy = StripeJson.Object(dispute, "evidence_details") is { } details ? StripeJson.UnixTime(details, "due_by") : null,
            BalanceTransactions = transactions,
            ReportedAt = reportedAt,
        }, correlationId);
    }

    /// <summary>One of the dispute's balance transactions, which Stripe always includes whole (not as an id).</summary>
    static DisputeBalanceTransaction? ReadTransaction(JsonElement item) =>
        StripeJson.NonEmpty(StripeJson.String(item, "id")) is { } id
        && StripeJson.Integer(item, "amount") is { } amount
        && StripeJson.Integer(item, "fee") is { } fee
        && StripeJson.Currency(item) is { } currency
        && StripeJson.NonEmpty(StripeJson.String(item, "reporting_category")) is { } category
            ? new DisputeBalanceTransaction { Id = id, AmountMinor = amount, FeeMinor = fee, Currency = currency, ReportingCategory = category }
            : null;
}
