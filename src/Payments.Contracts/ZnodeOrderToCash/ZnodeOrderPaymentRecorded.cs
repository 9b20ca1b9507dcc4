using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Znode holds the captured payment: status, transaction id, note (and the order state, as configured).</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPaymentRecorded")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPaymentRecorded")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPaymentRecorded--")]
public record ZnodeOrderPaymentRecorded : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required string PaymentStatus { get; init; }
    public string? OrderState { get; init; }
}
