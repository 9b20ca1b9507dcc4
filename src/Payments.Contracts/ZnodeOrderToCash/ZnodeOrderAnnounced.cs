using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>
/// Znode 10's webhook announced an order (its signature verified by the Znode service's <c>POST /webhooks/znode</c>). The Znode service reads the order from Znode's
/// API and, if it was not taken in before, publishes <see cref="ZnodeOrderPlaced"/> with <c>Source = webhook</c>: the webhook's
/// envelope is not published by Znode, so only the order number is taken from it.
/// </summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderAnnounced")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderAnnounced")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderAnnounced--")]
public record ZnodeOrderAnnounced : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    /// <summary>When the envelope carries it; the order is then read by id, else by number.</summary>
    public long? OmsOrderId { get; init; }
    /// <summary>The webhook's event id (or the body's hash when it has none) and event name, as the webhook endpoint read them.</summary>
    public required string EventId { get; init; }
    public required string EventType { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}
