using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>P21's return document for the failed refund is reversed.</summary>
[MessageUrn("Payments.StripeRefund:P21RefundReturnReversed")]
[EntityName("Payments.StripeRefund:P21RefundReturnReversed")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:P21RefundReturnReversed--")]
public record P21RefundReturnReversed : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string DocumentKind { get; init; }
    public required string DocumentNumber { get; init; }
    /// <summary>The reversing journal, when the reversal is one.</summary>
    public string? ReversalNumber { get; init; }
}
