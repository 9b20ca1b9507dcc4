using System.Text.Json;
using Payments.Contracts.Shared;
using Payments.Gateway.Data;
using Payments.Gateway.Ingest;
using Payments.Gateway.Webhooks;
using Payments.Persistence.Audit;

namespace Payments.Gateway.Audit;

/// <summary>
/// The audit trail's first entry of a payment's story: each Stripe event the gateway accepts, as an <see cref="AuditSystems.Intake"/>
/// entry with the event id (<see cref="AuditEntry.CausedBy"/>), its type, the flow, the subject and the conversation the published
/// messages carry (<see cref="ConversationOf"/>), so every later write of that conversation names this event as its cause.
/// Built from the committed webhook record by <see cref="IntakeAuditPass"/>, once per event whatever the deliveries (its id comes
/// from the event id and the record's time), and dated when the event was received.
/// </summary>
public static class StripeEventIntake
{
    const string Service = "gateway";

    static readonly string[] Kinds =
    [
        CorrelationKinds.StripePayment, CorrelationKinds.StripeCharge, CorrelationKinds.StripeRefund, CorrelationKinds.StripeDispute,
        CorrelationKinds.ChargeRisk, CorrelationKinds.StripePayout, CorrelationKinds.StripeCustomer, CorrelationKinds.StripeSubscription,
        CorrelationKinds.ZnodeOrder, CorrelationKinds.ZnodeReturn, CorrelationKinds.P21Order,
    ];

    /// <summary>
    /// The ConversationId of every message published for <paramref name="eventId"/> (and so of every write that follows), from the event
    /// id and its record's <c>ReceivedAt</c>: the ingest gives it to the messages as it writes the record, the intake entry takes it from
    /// the committed record, and only one record of an event is ever committed. Time-ordered, as is the intake entry's id, so the audit
    /// trail's conversation index and key take a day's entries at one end (<see cref="AuditIds.ConversationOf(string, DateTimeOffset)"/>).
    /// </summary>
    /// <remarks>
    /// Before 2026-12-03 both were name-based on the event id alone. A record committed by a gateway of that time and given its intake
    /// entry by a later one (a version change within the second between the two) has an intake entry in a conversation of its own.
    /// </remarks>
    public static Guid ConversationOf(string eventId, DateTimeOffset receivedAt) => AuditIds.ConversationOf(eventId, receivedAt);

    /// <summary>The intake entry of an accepted (published, unrouted or ignored) event's record.</summary>
    public static AuditEntry EntryOf(WebhookEvent record)
    {
        var envelope = StripeEventEnvelope.Read(record.Payload).Envelope;
        List<string> ids = envelope is null ? [] : CandidateIds(envelope);
        var published = record.Published?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var result = record.Outcome switch
        {
            WebhookOutcome.Published => $"published {string.Join(", ", published)}",
            WebhookOutcome.Unrouted => $"unrouted: {record.Reason}",
            _ => $"ignored: {record.Reason}",
        };
        return new AuditEntry
        {
            Id = AuditIds.IntakeEntryOf(record.EventId, record.ReceivedAt),
            At = record.ReceivedAt,
            Service = Service,
            System = AuditSystems.Intake,
            Action = $"{record.Via ?? IngestVia.Webhook} {record.Type}",
            Flow = record.Flow,
            Step = published.FirstOrDefault(),
            Subject = SubjectOf(record.CorrelationId, ids),
            CausedBy = record.EventId,
            ConversationId = ConversationOf(record.EventId, record.ReceivedAt),
            Request = AuditEssentials.Cut($"{record.Type} {(record.Livemode ? "live" : "test")} api {record.ApiVersion}"),
            Outcome = AuditOutcomes.Succeeded,
            Result = AuditEssentials.Cut(result),
            References = string.Join(' ', new[] { record.EventId }.Concat(ids).Concat(AuditEssentials.StripeIds(record.Payload)).Distinct().Take(40)),
        };
    }

    /// <summary>
    /// The correlation key whose id the mapper gave (<c>stripe-payment:pi_…</c>): the mappers keep only the id, so the key is found among
    /// the event's own ids (its object's id, the ids it names, its metadata values) under each kind.
    /// </summary>
    static string? SubjectOf(Guid? correlationId, IReadOnlyList<string> ids)
    {
        if (correlationId is not { } wanted)
            return null;
        foreach (var id in ids)
            foreach (var kind in Kinds)
            {
                var key = new CorrelationKey(kind, id);
                if (key.ToGuid() == wanted)
                    return key.ToString();
            }
        return null;
    }

    /// <summary>The object's id, the Stripe ids among its fields, and its metadata values.</summary>
    static List<string> CandidateIds(StripeEventEnvelope envelope)
    {
        var ids = new List<string>();
        if (envelope.DataObject.ValueKind != JsonValueKind.Object)
            return ids;
        foreach (var property in envelope.DataObject.EnumerateObject())
        {
            if (AuditEssentials.IsSecretName(property.Name))
                continue;
            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 and <= 100 } value
                && (property.Name == "id" || AuditEssentials.StripeIds(value).Any()))
                ids.Add(value);
            else if (property.Name == "metadata" && property.Value.ValueKind == JsonValueKind.Object)
                ids.AddRange(property.Value.EnumerateObject()
                    .Where(m => m.Value.ValueKind == JsonValueKind.String && !AuditEssentials.IsSecretName(m.Name))
                    .Select(m => m.Value.GetString()!)
                    .Where(v => v.Length is > 0 and <= 100 && !v.Contains(' ')));
        }
        return ids.Distinct(StringComparer.Ordinal).ToList();
    }
}
