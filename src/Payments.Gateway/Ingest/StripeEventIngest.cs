using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Gateway.Audit;
using Payments.Gateway.Data;
using Payments.Gateway.Mappers;
using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;

namespace Payments.Gateway.Ingest;

/// <summary>How a Stripe event reached the gateway; stored in <c>WebhookEvents.Via</c>.</summary>
public static class IngestVia
{
    /// <summary>POSTed by Stripe, signature checked.</summary>
    public const string Webhook = "webhook";
    /// <summary>Listed from <c>/v1/events</c> by the missed-event sweep (read with the API key: no signature).</summary>
    public const string Sweep = "sweep";
    /// <summary>Replayed by <c>payments backfill</c> (the events API, or an object turned into its event).</summary>
    public const string Backfill = "backfill";
}

/// <summary>What became of one event: its outcome (<c>published</c>, <c>duplicate</c>, <c>ignored</c>, <c>unrouted</c>, or a refusal reason).</summary>
public sealed record IngestResult(string Outcome, string? EventId, string? Detail = null)
{
    /// <summary>Refused (kept in RejectedWebhooks): <c>malformed_json</c>, <c>invalid_event</c>, <c>api_version_mismatch</c>.</summary>
    public bool IsRejected => Outcome is "malformed_json" or "invalid_event" or "api_version_mismatch";

    /// <summary>Recorded now for the first time (published, ignored or unrouted): not a duplicate, not refused.</summary>
    public bool IsNew => !IsRejected && Outcome != "duplicate";
}

/// <summary>
/// The one way a Stripe event enters the flows, shared by the webhook endpoint, the missed-event sweep and <c>payments backfill</c>:
/// envelope → API version → routing and mapping → record the event id and the domain event in one commit (bus outbox). The unique
/// key of <see cref="WebhookEvent"/> (source, event id) makes a second arrival of one event, by whichever way, a duplicate that
/// publishes nothing. A body that cannot be used is kept in RejectedWebhooks with the reason. Authenticity is the caller's job: the
/// endpoint checks the signature, the sweep and backfill read the events from Stripe's API with the key. The event's intake entry in
/// the audit trail is written after the commit, from the record, by <see cref="IntakeAuditPass"/>: the record is what makes it due.
/// </summary>
/// <remarks>One call per scope: a duplicate's failed save leaves the scope's context unusable for another event.</remarks>
public sealed class StripeEventIngest(
    StripeEventMappers mappers,
    PaymentRouter router,
    GatewayDbContext db,
    IPublishEndpoint publishEndpoint,
    IntakeAuditSignal intakeAudit,
    TimeProvider clock,
    ILogger<StripeEventIngest> logger)
{
    public async Task<IngestResult> IngestAsync(string payload, string via, ApiVersionMismatchPolicy versionPolicy, CancellationToken cancellationToken = default)
    {
        var read = StripeEventEnvelope.Read(payload);
        if (read.Envelope is not { } envelope)
        {
            return read.IsMalformed
                ? await QuarantineAsync("malformed_json", read.Failure!, read, payload, via)
                : await QuarantineAsync("invalid_event", read.Failure!, read, payload, via);
        }

        if (!ApiVersions.IsOnSdkTrain(envelope.ApiVersion))
        {
            var detail = $"Event {envelope.Id} has API version '{envelope.ApiVersion ?? "(none)"}' but the gateway's Stripe.net expects the " +
                         $"'{ApiVersions.TrainOf(ApiVersions.Sdk)}' release train ({ApiVersions.Sdk}). Set the webhook endpoint's API version to " +
                         $"{ApiVersions.Sdk}, or set Gateway:ApiVersionMismatch to Accept.";
            if (versionPolicy == ApiVersionMismatchPolicy.Reject)
                return await QuarantineAsync("api_version_mismatch", detail, read, payload, via);
            logger.LogWarning("Accepting a Stripe event outside the SDK's API version train (Gateway:ApiVersionMismatch=Accept): {Detail}", detail);
        }

        // Routing and mapping in one step: the payment's one flow is chosen and only that flow's mapper runs.
        var mapping = mappers.Map(envelope, router);
        if (mapping.Kind == MappingKind.Reject)
            return await QuarantineAsync("invalid_event", mapping.Reason!, read, payload, via);

        // Past this point the event is accepted: finish the commit even if the caller goes away (the record and the outbox row commit
        // together either way; a cancelled commit would only make it arrive again).
        return await RecordAndPublishAsync(envelope, payload, mapping, via);
    }

    /// <summary>
    /// One SaveChanges commits the event-id record and the domain event (a row of the bus outbox, through the scoped
    /// <see cref="IPublishEndpoint"/>) together; the relay delivers it after the commit, also after a crash or restart.
    /// A second arrival (even a concurrent one) fails on the record's key: nothing of it is committed, so nothing is published;
    /// it is logged at Information only.
    /// </summary>
    async Task<IngestResult> RecordAndPublishAsync(StripeEventEnvelope envelope, string payload, StripeEventMapping mapping, string via)
    {
        var outcome = mapping.Kind switch
        {
            MappingKind.Publish => WebhookOutcome.Published,
            MappingKind.Unrouted => WebhookOutcome.Unrouted,
            _ => WebhookOutcome.Ignored,
        };
        var receivedAt = clock.GetUtcNow();
        db.WebhookEvents.Add(new WebhookEvent
        {
            Source = WebhookSources.Stripe,
            EventId = envelope.Id,
            Type = envelope.Type,
            ApiVersion = envelope.ApiVersion,
            Livemode = envelope.Livemode,
            ReceivedAt = receivedAt,
            Outcome = outcome,
            Flow = mapping.Route?.Flow,
            Reason = mapping.Reason,
            CorrelationId = mapping.CorrelationId,
            Via = via,
            Payload = payload,
            Published = mapping.Message is { } first ? string.Join(", ", mapping.AlsoPublish.Prepend(first).Select(m => m.GetType().Name)) : null,
        });
        // One conversation per event, set explicitly: every message and write that follows carries it, and the audit trail's
        // intake entry of this event (written after the commit) names it, so each write finds its cause.
        var conversationId = StripeEventIntake.ConversationOf(envelope.Id, receivedAt);
        if (mapping.Message is { } message)
            await publishEndpoint.Publish(message, message.GetType(), context => context.ConversationId = conversationId);
        foreach (var also in mapping.AlsoPublish)
            await publishEndpoint.Publish(also, also.GetType(), context => context.ConversationId = conversationId);
        try
        {
            // The duplicate key is this path's expected outcome: EF Core logs it at Debug, not as an error with a stack
            // trace per redelivery; any other database error still logs as one.
            using (ExpectedDatabaseErrors.UniqueViolations())
                await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) already received; acknowledged ({Via}) without publishing again", envelope.Id, envelope.Type, via);
            return new IngestResult("duplicate", envelope.Id);
        }
        intakeAudit.Recorded();

        switch (mapping.Kind)
        {
            case MappingKind.Publish:
                logger.LogInformation("Stripe event {EventId} ({Type}, via {Via}) committed for publishing as {MessageType} in flow {Flow} by {Rule} (correlation {CorrelationId})",
                    envelope.Id, envelope.Type, via, mapping.Message!.GetType().Name, mapping.Route!.Flow, mapping.Route.Rule, mapping.CorrelationId);
                break;
            case MappingKind.Unrouted:
                // Not an error (the operator held this flow on purpose) but not silent either: these wait for a replay.
                logger.LogWarning("Stripe event {EventId} ({Type}, via {Via}) recorded as unrouted in WebhookEvents, flow {Flow}: {Reason}",
                    envelope.Id, envelope.Type, via, mapping.Route!.Flow, mapping.Reason);
                break;
            default:
                logger.LogInformation("Stripe event {EventId} ({Type}, via {Via}) recorded and ignored: {Reason}", envelope.Id, envelope.Type, via, mapping.Reason);
                break;
        }
        return new IngestResult(outcome.ToLowerInvariant(), envelope.Id);
    }

    async Task<IngestResult> QuarantineAsync(string reason, string detail, StripeEventRead read, string payload, string via)
    {
        db.RejectedWebhooks.Add(new RejectedWebhook
        {
            Source = WebhookSources.Stripe,
            ReceivedAt = clock.GetUtcNow(),
            EventId = read.EventId,
            EventType = read.EventType,
            Reason = reason,
            Detail = detail,
            Payload = payload,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogWarning("Stripe event {EventId} ({Type}, via {Via}) rejected ({Reason}) and kept in RejectedWebhooks: {Detail}",
            read.EventId, read.EventType, via, reason, detail);
        return new IngestResult(reason, read.EventId, detail);
    }
}
