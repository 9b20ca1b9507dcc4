using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>The Znode order shows the refund.</summary>
[MessageUrn("Payments.StripeRefund:ZnodeRefundRecorded")]
[EntityName("Payments.StripeRefund:ZnodeRefundRecorded")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:ZnodeRefundRecorded--")]
public record ZnodeRefundRecorded : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string OrderNumber { get; init; }
    public required string PaymentStatus { get; init; }
}
