using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>The shopper was reminded to pay (or could not be: no e-mail address).</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPaymentReminded")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPaymentReminded")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPaymentReminded--")]
public record ZnodeOrderPaymentReminded : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required bool Emailed { get; init; }
}
