using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers;

/// <summary>
/// Turns verified Stripe events of <see cref="EventTypes"/> into the typed messages of one <see cref="Flow"/>. Pure: JSON in,
/// message out. One class per event type (or small family), in a folder named after its flow, registered in
/// <c>Extensions.cs</c> with <see cref="StripeEventMapperRegistration.AddStripeEventMapper{TMapper}"/>.
/// </summary>
public interface IStripeEventMapper
{
    /// <summary>The flow whose messages this mapper produces, one of <c>Payments.Contracts.Shared.FlowNames</c>.</summary>
    string Flow { get; }

    /// <summary>The Stripe event types it maps, e.g. <c>charge.succeeded</c>.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>
    /// Whether its events start a payment's flow, so <see cref="PaymentRouter"/> decides whether this mapper runs (one flow per
    /// payment). False for events that belong to their own flow whichever flow took the payment (a refund, a dispute, a fraud
    /// warning, the risk seen on a charge): such a mapper runs for every event of its types, and what it publishes goes with the
    /// routed flow's message in the same commit.
    /// </summary>
    bool StartsPayment => true;

    StripeEventMapping Map(StripeEventEnvelope envelope);
}

public enum MappingKind { Publish, Ignore, Reject, Unrouted }

/// <summary>
/// What to do with a verified event: publish <see cref="Message"/>, ignore it (no flow handles its type), reject it with
/// <see cref="Reason"/>, or record it as unrouted (its payment belongs to a flow this version does not have).
/// <see cref="Route"/> is where the payment was sent, when its type is one a flow handles.
/// </summary>
public sealed record StripeEventMapping(MappingKind Kind, object? Message, Guid? CorrelationId, string? Reason)
{
    public PaymentRoute? Route { get; init; }

    /// <summary>Messages of <see cref="PaymentRoute.AlsoFlow"/>, published with <see cref="Message"/> in the same commit.</summary>
    public IReadOnlyList<object> AlsoPublish { get; init; } = [];

    public static StripeEventMapping Publish(object message, Guid correlationId) => new(MappingKind.Publish, message, correlationId, null);
    public static StripeEventMapping Ignore(string reason) => new(MappingKind.Ignore, null, null, reason);
    public static StripeEventMapping Reject(string reason) => new(MappingKind.Reject, null, null, reason);
    public static StripeEventMapping Unrouted(string reason) => new(MappingKind.Unrouted, null, null, reason);
}
