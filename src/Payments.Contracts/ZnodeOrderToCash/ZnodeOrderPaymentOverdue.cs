using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Scheduled by the flow: the Znode order is still unpaid when its payment time ran out (first the reminder, then the configured handling).</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPaymentOverdue")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPaymentOverdue")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPaymentOverdue--")]
public record ZnodeOrderPaymentOverdue : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    /// <summary>1 for the reminder, 2 for the final deadline.</summary>
    public required int Notice { get; init; }
}
