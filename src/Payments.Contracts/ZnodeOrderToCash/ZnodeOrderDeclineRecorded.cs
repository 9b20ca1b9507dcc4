using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Znode shows the decline, and the shopper was told when an e-mail address was known.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderDeclineRecorded")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderDeclineRecorded")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderDeclineRecorded--")]
public record ZnodeOrderDeclineRecorded : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required bool ShopperNotified { get; init; }
}
