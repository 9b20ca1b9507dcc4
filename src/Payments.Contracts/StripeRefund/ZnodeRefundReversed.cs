using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>The Znode order no longer shows the failed refund.</summary>
[MessageUrn("Payments.StripeRefund:ZnodeRefundReversed")]
[EntityName("Payments.StripeRefund:ZnodeRefundReversed")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:ZnodeRefundReversed--")]
public record ZnodeRefundReversed : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string OrderNumber { get; init; }
    public required string PaymentStatus { get; init; }
}
