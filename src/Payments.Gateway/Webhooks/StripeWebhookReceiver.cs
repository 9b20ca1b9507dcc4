using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;
using Payments.Gateway.Ingest;

namespace Payments.Gateway.Webhooks;

/// <summary>
/// <c>POST /webhooks/stripe</c>: a turn among the ingests in progress (<see cref="WebhookIngestLimiter"/>) → size limit → signature → <see cref="StripeEventIngest"/> (envelope → API version → routing and
/// mapping → record the event id and the domain event in one commit, bus outbox). Stripe gets its answer after that commit.
/// Signed bodies that cannot be used are kept in RejectedWebhooks with the reason; unsigned ones are only logged
/// (anyone can send those).
/// </summary>
public sealed class StripeWebhookReceiver(
    WebhookIngestLimiter limiter,
    StripeSignatureVerifier verifier,
    StripeEventIngest ingest,
    IOptions<GatewayOptions> options,
    GatewayMetrics metrics,
    ILogger<StripeWebhookReceiver> logger)
{
    public const string SignatureHeader = "Stripe-Signature";

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var lease = await limiter.AcquireAsync(cancellationToken);
        if (!lease.IsAcquired)
        {
            logger.LogWarning("Stripe webhook answered 503: {MaxConcurrentIngests} ingests in progress and {IngestQueueLimit} waiting (Gateway:MaxConcurrentIngests, IngestQueueLimit); Stripe retries it",
                settings.MaxConcurrentIngests, settings.IngestQueueLimit);
            request.HttpContext.Response.Headers.RetryAfter = settings.BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status503ServiceUnavailable, "busy", "Gateway busy",
                $"More webhooks than Gateway:MaxConcurrentIngests ({settings.MaxConcurrentIngests}) plus Gateway:IngestQueueLimit ({settings.IngestQueueLimit}) at once; retry after {settings.BusyRetryAfterSeconds} s.");
        }

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

        // Authentic: the rest is the ingest the sweep and backfill share (one record per event id, one commit with its message).
        var result = await ingest.IngestAsync(payload, IngestVia.Webhook, settings.ApiVersionMismatch, cancellationToken);
        return result.Outcome switch
        {
            "malformed_json" or "api_version_mismatch" => Refuse(StatusCodes.Status400BadRequest, result.Outcome, "Stripe event not accepted", result.Detail!, result.EventId),
            "invalid_event" => Refuse(StatusCodes.Status422UnprocessableEntity, result.Outcome, "Stripe event not accepted", result.Detail!, result.EventId),
            _ => Accept(result),
        };
    }

    IResult Accept(IngestResult result)
    {
        metrics.Received(result.Outcome);
        return Results.Ok(new WebhookReceipt(result.EventId!, result.Outcome));
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
