using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Record the captured payment in Znode: payment status CAPTURED, the Stripe transaction id, an order-history note, and the order state moved as configured.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:RecordZnodeOrderPayment")]
[EntityName("Payments.ZnodeOrderToCash:RecordZnodeOrderPayment")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:RecordZnodeOrderPayment--")]
public record RecordZnodeOrderPayment : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    public required string PaymentIntentId { get; init; }
    public string? ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
}
