using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>Read the refunded charge from Stripe: its amount, its refunds, and the documents the other flows left on it (P21 order number, Znode order number).</summary>
[MessageUrn("Payments.StripeRefund:DescribeRefundedCharge")]
[EntityName("Payments.StripeRefund:DescribeRefundedCharge")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:DescribeRefundedCharge--")]
public record DescribeRefundedCharge : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string ChargeId { get; init; }
}
