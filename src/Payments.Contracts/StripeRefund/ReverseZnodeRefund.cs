using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>The refund failed after Znode showed it: set the payment status back and add a note with the reason.</summary>
[MessageUrn("Payments.StripeRefund:ReverseZnodeRefund")]
[EntityName("Payments.StripeRefund:ReverseZnodeRefund")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:ReverseZnodeRefund--")]
public record ReverseZnodeRefund : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string OrderNumber { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    /// <summary>The status the order returns to: <c>CAPTURED</c>, or <c>PARTIALLY REFUNDED</c> when other refunds stand.</summary>
    public required string PaymentStatus { get; init; }
    public required string Reason { get; init; }
}
