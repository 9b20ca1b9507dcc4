using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>Show the refund on the Znode order: payment status <c>REFUNDED</c> or <c>PARTIALLY REFUNDED</c>, and an order note with the refund id and amount.</summary>
[MessageUrn("Payments.StripeRefund:RecordZnodeRefund")]
[EntityName("Payments.StripeRefund:RecordZnodeRefund")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:RecordZnodeRefund--")]
public record RecordZnodeRefund : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string OrderNumber { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    /// <summary><c>Full</c> or <c>Partial</c>.</summary>
    public required string Scope { get; init; }
    public string? ZnodeReturnNumber { get; init; }
}
