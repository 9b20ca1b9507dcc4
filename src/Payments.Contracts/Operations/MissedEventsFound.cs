using MassTransit;

namespace Payments.Contracts.Operations;

/// <summary>
/// The missed-event sweep (or a backfill) found Stripe events the gateway had not recorded and fed them in. Worth an alert:
/// webhooks are not arriving (an outage, a disabled endpoint, a wrong secret).
/// </summary>
[MessageUrn("Payments.Operations:MissedEventsFound")]
[EntityName("Payments.Operations:MissedEventsFound")]
[FaultEntityName("MassTransit:Fault--Payments.Operations:MissedEventsFound--")]
public record MissedEventsFound : CorrelatedBy<Guid>
{
    /// <summary>One per sweep round: a new id each round.</summary>
    public required Guid CorrelationId { get; init; }
    /// <summary><c>sweep</c> or <c>backfill</c>.</summary>
    public required string Source { get; init; }
    public required int Count { get; init; }
    /// <summary>The first few event ids found (at most 20), for the alert.</summary>
    public required IReadOnlyList<string> EventIds { get; init; }
    /// <summary>The oldest event found's creation time.</summary>
    public required DateTimeOffset OldestCreatedAt { get; init; }
    public required DateTimeOffset FoundAt { get; init; }
}
