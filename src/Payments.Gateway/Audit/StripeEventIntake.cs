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
/// from the event id), and dated when the event was received.
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

    /// <summary>The ConversationId of every message published for <paramref name="eventId"/> (and so of every write that follows).</summary>
    public static Guid ConversationOf(string eventId) => AuditIds.ConversationOf(eventId);

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
            Id = AuditIds.IntakeEntryOf(record.EventId),
            At = record.ReceivedAt,
            Service = Service,
            System = AuditSystems.Intake,
            Action = $"{record.Via ?? IngestVia.Webhook} {record.Type}",
            Flow = record.Flow,
            Step = published.FirstOrDefault(),
            Subject = SubjectOf(record.CorrelationId, ids),
            CausedBy = record.EventId,
            ConversationId = ConversationOf(record.EventId),
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
