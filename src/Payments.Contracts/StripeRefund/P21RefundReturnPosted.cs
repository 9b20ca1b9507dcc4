using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>P21 holds the refund's return document.</summary>
[MessageUrn("Payments.StripeRefund:P21RefundReturnPosted")]
[EntityName("Payments.StripeRefund:P21RefundReturnPosted")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:P21RefundReturnPosted--")]
public record P21RefundReturnPosted : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    /// <summary><c>rma</c> or <c>journal</c>.</summary>
    public required string DocumentKind { get; init; }
    /// <summary>The RMA number or the journal reference.</summary>
    public required string DocumentNumber { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
}
