using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>The Znode order stayed unpaid past its deadline: cancel it in Znode (order state CANCELED with a note) and its PaymentIntent, when the configuration says so.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:CancelUnpaidZnodeOrder")]
[EntityName("Payments.ZnodeOrderToCash:CancelUnpaidZnodeOrder")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:CancelUnpaidZnodeOrder--")]
public record CancelUnpaidZnodeOrder : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    public required string PaymentIntentId { get; init; }
}
