using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Record a declined attempt in Znode (payment status DECLINED, an order note with Stripe's decline code and message; the order state is left as configured) and tell the shopper by e-mail.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:RecordZnodeOrderDecline")]
[EntityName("Payments.ZnodeOrderToCash:RecordZnodeOrderDecline")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:RecordZnodeOrderDecline--")]
public record RecordZnodeOrderDecline : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    public required string PaymentIntentId { get; init; }
    public string? DeclineCode { get; init; }
    public string? FailureMessage { get; init; }
    public string? ShopperEmail { get; init; }
}
