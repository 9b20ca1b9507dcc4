namespace Payments.Gateway.Data;

/// <summary>One accepted Stripe event, keyed by its <c>evt_…</c> id: the unique key is what makes a redelivery a no-op.</summary>
public sealed class StripeWebhookEvent
{
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public string? ApiVersion { get; init; }
    public bool Livemode { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary><see cref="WebhookOutcome.Published"/> or <see cref="WebhookOutcome.Ignored"/>.</summary>
    public required string Outcome { get; init; }
    /// <summary>The saga correlation id of the published message, when one was published.</summary>
    public Guid? CorrelationId { get; init; }
    /// <summary>The raw body exactly as Stripe sent it.</summary>
    public required string Payload { get; init; }
}

/// <summary>A signed (so authentic) body the gateway could not use, kept with the reason so it can be fixed and replayed.</summary>
public sealed class RejectedStripeWebhook
{
    public long Id { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string? EventId { get; init; }
    public string? EventType { get; init; }
    /// <summary>Machine-readable reason, e.g. <c>malformed_json</c>, <c>invalid_event</c>, <c>api_version_mismatch</c>.</summary>
    public required string Reason { get; init; }
    public required string Detail { get; init; }
    public required string Payload { get; init; }
}

public static class WebhookOutcome
{
    public const string Published = "Published";
    public const string Ignored = "Ignored";
}
