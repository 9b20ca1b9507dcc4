using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>E-mail the shopper a reminder that the Znode order is still unpaid, with the way to pay.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:RemindZnodeOrderPayment")]
[EntityName("Payments.ZnodeOrderToCash:RemindZnodeOrderPayment")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:RemindZnodeOrderPayment--")]
public record RemindZnodeOrderPayment : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    public string? ShopperEmail { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
}
