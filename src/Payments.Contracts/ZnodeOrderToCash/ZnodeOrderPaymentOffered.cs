using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>The shopper can pay: the payment was written to the Znode order and/or e-mailed, as configured.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPaymentOffered")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPaymentOffered")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPaymentOffered--")]
public record ZnodeOrderPaymentOffered : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required bool WrittenToOrder { get; init; }
    public required bool Emailed { get; init; }
}
