using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>The unpaid Znode order was cancelled in Znode.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:UnpaidZnodeOrderCanceled")]
[EntityName("Payments.ZnodeOrderToCash:UnpaidZnodeOrderCanceled")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:UnpaidZnodeOrderCanceled--")]
public record UnpaidZnodeOrderCanceled : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required string OrderState { get; init; }
}
