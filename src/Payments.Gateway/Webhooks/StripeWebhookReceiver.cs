using System.Buffers;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Gateway.Audit;
using Payments.Gateway.Data;
using Payments.Gateway.Mappers;
using Payments.Gateway.Routing;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;

namespace Payments.Gateway.Webhooks;

/// <summary>
/// <c>POST /webhooks/stripe</c>: size limit → signature → envelope → API version → routing and mapping → record the event id and the
/// domain event in one commit (bus outbox).
/// Signed bodies that cannot be used are kept in RejectedWebhooks with the reason; unsigned ones are only logged
/// (anyone can send those).
/// </summary>
public sealed class StripeWebhookReceiver(
    StripeSignatureVerifier verifier,
    StripeEventMappers mappers,
    PaymentRouter router,
    GatewayDbContext db,
    IPublishEndpoint publishEndpoint,
    IOptions<GatewayOptions> options,
    TimeProvider clock,
    GatewayMetrics metrics,
    StripeEventIntake intake,
    ILogger<StripeWebhookReceiver> logger)
{
    public const string SignatureHeader = "Stripe-Signature";

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var payload = request.ContentLength > settings.MaxBodyBytes ? null : await ReadBodyAsync(request.Body, settings.MaxBodyBytes, cancellationToken);
        if (payload is null)
        {
            logger.LogWarning("Stripe webhook refused: body larger than {MaxBodyBytes} bytes (Content-Length {ContentLength})", settings.MaxBodyBytes, request.ContentLength);
            return Refuse(StatusCodes.Status413PayloadTooLarge, "body_too_large", "Webhook body too large",
                $"The body exceeds Gateway:MaxBodyBytes ({settings.MaxBodyBytes} bytes).");
        }

        var signature = verifier.Verify(payload, request.Headers[SignatureHeader].FirstOrDefault());
        if (!signature.IsValid)
        {
            logger.LogWarning("Stripe webhook refused ({Reason}): {Detail}", signature.Reason, signature.Detail);
            return Refuse(StatusCodes.Status400BadRequest, signature.Reason!, "Stripe signature not accepted", signature.Detail!);
        }

        var read = StripeEventEnvelope.Read(payload);
        if (read.Envelope is not { } envelope)
        {
            return read.IsMalformed
                ? await QuarantineAsync(StatusCodes.Status400BadRequest, "malformed_json", read.Failure!, read, payload)
                : await QuarantineAsync(StatusCodes.Status422UnprocessableEntity, "invalid_event", read.Failure!, read, payload);
        }

        if (!ApiVersions.IsOnSdkTrain(envelope.ApiVersion))
        {
            var detail = $"Event {envelope.Id} has API version '{envelope.ApiVersion ?? "(none)"}' but the gateway's Stripe.net expects the " +
                         $"'{ApiVersions.TrainOf(ApiVersions.Sdk)}' release train ({ApiVersions.Sdk}). Set the webhook endpoint's API version to " +
                         $"{ApiVersions.Sdk}, or set Gateway:ApiVersionMismatch to Accept.";
            if (settings.ApiVersionMismatch == ApiVersionMismatchPolicy.Reject)
                return await QuarantineAsync(StatusCodes.Status400BadRequest, "api_version_mismatch", detail, read, payload);
            logger.LogWarning("Accepting a Stripe event outside the SDK's API version train (Gateway:ApiVersionMismatch=Accept): {Detail}", detail);
        }

        // Routing and mapping in one step: the payment's one flow is chosen and only that flow's mapper runs.
        var mapping = mappers.Map(envelope, router);
        if (mapping.Kind == MappingKind.Reject)
            return await QuarantineAsync(StatusCodes.Status422UnprocessableEntity, "invalid_event", mapping.Reason!, read, payload);

        // Past this point Stripe's delivery is accepted: finish the commit even if the caller hangs up (the record and the
        // outbox row commit together either way; a cancelled commit would only make Stripe send it again).
        return await RecordAndPublishAsync(envelope, payload, mapping);
    }

    /// <summary>
    /// One SaveChanges commits the event-id record and the domain event (a row of the bus outbox, through the scoped
    /// <see cref="IPublishEndpoint"/>) together; the relay delivers it after the commit, also after a crash or restart.
    /// A second delivery (even a concurrent one) fails on the record's key: 200, and nothing of it is committed, so
    /// nothing is published; it is logged at Information only. Stripe gets its 200 only after the commit.
    /// </summary>
    async Task<IResult> RecordAndPublishAsync(StripeEventEnvelope envelope, string payload, StripeEventMapping mapping)
    {
        var outcome = mapping.Kind switch
        {
            MappingKind.Publish => WebhookOutcome.Published,
            MappingKind.Unrouted => WebhookOutcome.Unrouted,
            _ => WebhookOutcome.Ignored,
        };
        db.WebhookEvents.Add(new WebhookEvent
        {
            Source = WebhookSources.Stripe,
            EventId = envelope.Id,
            Type = envelope.Type,
            ApiVersion = envelope.ApiVersion,
            Livemode = envelope.Livemode,
            ReceivedAt = clock.GetUtcNow(),
            Outcome = outcome,
            Flow = mapping.Route?.Flow,
            Reason = mapping.Reason,
            CorrelationId = mapping.CorrelationId,
            Payload = payload,
        });
        // One conversation per event, set explicitly: every message and write that follows carries it, and the audit trail's
        // intake entry of this event (recorded below) names it, so each write finds its cause.
        var conversationId = StripeEventIntake.ConversationOf(envelope.Id);
        if (mapping.Message is { } message)
            await publishEndpoint.Publish(message, message.GetType(), context => context.ConversationId = conversationId);
        foreach (var also in mapping.AlsoPublish)
            await publishEndpoint.Publish(also, also.GetType(), context => context.ConversationId = conversationId);
        try
        {
            // The duplicate key is this path's expected outcome: EF Core logs it at Debug, not as an error with a stack
            // trace per redelivery; any other database error still logs as one.
            using (ExpectedDatabaseErrors.UniqueViolations())
                await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) already received; acknowledged without publishing again", envelope.Id, envelope.Type);
            if (await RecordIntakeAsync(envelope, payload, mapping) is { } unrecorded)
                return unrecorded;
            metrics.Received("duplicate");
            return Results.Ok(new WebhookReceipt(envelope.Id, "duplicate"));
        }

        switch (mapping.Kind)
        {
            case MappingKind.Publish:
                logger.LogInformation("Stripe event {EventId} ({Type}) committed for publishing as {MessageType} in flow {Flow} by {Rule} (correlation {CorrelationId})",
                    envelope.Id, envelope.Type, mapping.Message!.GetType().Name, mapping.Route!.Flow, mapping.Route.Rule, mapping.CorrelationId);
                break;
            case MappingKind.Unrouted:
                // Not an error (the operator held this flow on purpose) but not silent either: these wait for a replay.
                logger.LogWarning("Stripe event {EventId} ({Type}) recorded as unrouted in WebhookEvents, flow {Flow}: {Reason}",
                    envelope.Id, envelope.Type, mapping.Route!.Flow, mapping.Reason);
                break;
            default:
                logger.LogInformation("Stripe event {EventId} ({Type}) recorded and ignored: {Reason}", envelope.Id, envelope.Type, mapping.Reason);
                break;
        }
        if (await RecordIntakeAsync(envelope, payload, mapping) is { } notRecorded)
            return notRecorded;
        var result = outcome.ToLowerInvariant();
        metrics.Received(result);
        return Results.Ok(new WebhookReceipt(envelope.Id, result));
    }

    /// <summary>
    /// The event's intake entry in the audit trail, after the commit. When the audit database is unavailable Stripe gets a 503 and
    /// delivers again; that delivery is a duplicate (nothing published twice) and records the entry then (it is idempotent).
    /// </summary>
    async Task<IResult?> RecordIntakeAsync(StripeEventEnvelope envelope, string payload, StripeEventMapping mapping)
    {
        try
        {
            await intake.RecordAsync(envelope, payload, mapping, CancellationToken.None);
            return null;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Stripe event {EventId} ({Type}) committed, but its audit entry could not be recorded; answering 503 so Stripe delivers it again",
                envelope.Id, envelope.Type);
            return Refuse(StatusCodes.Status503ServiceUnavailable, "audit_unavailable", "Audit trail unavailable",
                "The event was received but its audit entry could not be recorded; deliver it again.", envelope.Id);
        }
    }

    async Task<IResult> QuarantineAsync(int status, string reason, string detail, StripeEventRead read, string payload)
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
        await db.SaveChangesAsync();
        logger.LogWarning("Stripe webhook {EventId} ({Type}) rejected ({Reason}) and kept in RejectedWebhooks: {Detail}",
            read.EventId, read.EventType, reason, detail);
        return Refuse(status, reason, "Stripe event not accepted", detail, read.EventId);
    }

    IResult Refuse(int status, string reason, string title, string detail, string? eventId = null)
    {
        metrics.Received(reason);
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        if (eventId is not null) extensions["eventId"] = eventId;
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>The body as UTF-8 text, or null once it grows past <paramref name="limit"/> (chunked bodies have no Content-Length).</summary>
    static async Task<string?> ReadBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

/// <summary>The 200 answer: which event, and whether it was published, a duplicate, ignored, or unrouted (a held flow).</summary>
public sealed record WebhookReceipt(string EventId, string Outcome);
