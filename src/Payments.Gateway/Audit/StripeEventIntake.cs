using System.Text.Json;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Webhooks;
using Payments.Persistence.Audit;

namespace Payments.Gateway.Audit;

/// <summary>
/// The audit trail's first entry of a payment's story: each Stripe event the gateway accepts, as an <see cref="AuditSystems.Intake"/>
/// entry with the event id (<see cref="AuditEntry.CausedBy"/>), its type, the flow, the subject and the conversation the published
/// messages carry (<see cref="ConversationOf"/>), so every later write of that conversation names this event as its cause.
/// Recorded after the gateway's commit, once per event whatever the deliveries (its id comes from the event id).
/// </summary>
public sealed class StripeEventIntake(IAuditTrail trail, TimeProvider clock)
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

    public Task RecordAsync(StripeEventEnvelope envelope, string payload, StripeEventMapping mapping, string via, CancellationToken cancellationToken)
    {
        var ids = CandidateIds(envelope);
        var result = mapping.Kind switch
        {
            MappingKind.Publish => $"published {mapping.Message!.GetType().Name}" +
                                   (mapping.AlsoPublish.Count > 0 ? ", " + string.Join(", ", mapping.AlsoPublish.Select(m => m.GetType().Name)) : ""),
            MappingKind.Unrouted => $"unrouted: {mapping.Reason}",
            _ => $"ignored: {mapping.Reason}",
        };
        return trail.RecordAsync(new AuditEntry
        {
            Id = AuditIds.IntakeEntryOf(envelope.Id),
            At = clock.GetUtcNow(),
            Service = Service,
            System = AuditSystems.Intake,
            Action = $"{via} {envelope.Type}",
            Flow = mapping.Route?.Flow,
            Step = mapping.Message?.GetType().Name,
            Subject = SubjectOf(mapping.CorrelationId, ids),
            CausedBy = envelope.Id,
            ConversationId = ConversationOf(envelope.Id),
            Request = AuditEssentials.Cut($"{envelope.Type} {(envelope.Livemode ? "live" : "test")} api {envelope.ApiVersion}"),
            Outcome = AuditOutcomes.Succeeded,
            Result = AuditEssentials.Cut(result),
            References = string.Join(' ', new[] { envelope.Id }.Concat(ids).Concat(AuditEssentials.StripeIds(payload)).Distinct().Take(40)),
        }, cancellationToken);
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
