namespace Payments.Gateway.Data;

/// <summary>
/// One accepted event of a <see cref="Source"/>, keyed by source and the source's event id: the unique key is what makes a
/// redelivery a no-op, and two sources may use the same id.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>Who sent it, one of <see cref="WebhookSources"/>.</summary>
    public required string Source { get; init; }
    /// <summary>The source's event id, e.g. Stripe's <c>evt_…</c>.</summary>
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public string? ApiVersion { get; init; }
    public bool Livemode { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>One of <see cref="WebhookOutcome"/>.</summary>
    public required string Outcome { get; init; }
    /// <summary>The flow the router gave the event to (one of <c>FlowNames</c>, or a held one); null when no flow handles its type.</summary>
    public string? Flow { get; init; }
    /// <summary>Why nothing was published, for an ignored or unrouted event.</summary>
    public string? Reason { get; init; }
    /// <summary>The saga correlation id of the published message, when one was published.</summary>
    public Guid? CorrelationId { get; init; }
    /// <summary>How it arrived: <c>webhook</c>, <c>sweep</c> or <c>backfill</c> (<c>Ingest/IngestVia</c>); null for rows older than the sweep.</summary>
    public string? Via { get; init; }
    /// <summary>The raw body exactly as the source sent it.</summary>
    public required string Payload { get; init; }
    /// <summary>The types of the messages published for it, comma-separated, first the one that starts or moves the flow; null when none.</summary>
    public string? Published { get; init; }
    /// <summary>
    /// When its intake entry reached the audit trail (<c>Audit/IntakeAuditPass</c>, after the commit); null until then. Rows older than
    /// this column were audited on the request path and were marked with their <see cref="ReceivedAt"/>.
    /// </summary>
    public DateTimeOffset? AuditedAt { get; init; }
}

/// <summary>A signed (so authentic) body the gateway could not use, kept with the reason so it can be fixed and replayed.</summary>
public sealed class RejectedWebhook
{
    public long Id { get; init; }
    /// <summary>Who sent it, one of <see cref="WebhookSources"/>.</summary>
    public required string Source { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string? EventId { get; init; }
    public string? EventType { get; init; }
    /// <summary>Machine-readable reason, e.g. <c>malformed_json</c>, <c>invalid_event</c>, <c>api_version_mismatch</c>.</summary>
    public required string Reason { get; init; }
    public required string Detail { get; init; }
    public required string Payload { get; init; }
}

/// <summary>The systems that post webhooks to the gateway. Stored in every webhook row: never rename one in use.</summary>
public static class WebhookSources
{
    public const string Stripe = "stripe";
}

public static class WebhookOutcome
{
    public const string Published = "Published";
    public const string Ignored = "Ignored";
    /// <summary>The payment belongs to a flow this version does not have (a held routing rule): kept for a replay, published nowhere.</summary>
    public const string Unrouted = "Unrouted";
}
