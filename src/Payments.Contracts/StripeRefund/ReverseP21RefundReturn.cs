using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>The refund failed after its return document was posted: reverse exactly that document (cancel the RMA, or post the opposite journal).</summary>
[MessageUrn("Payments.StripeRefund:ReverseP21RefundReturn")]
[EntityName("Payments.StripeRefund:ReverseP21RefundReturn")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:ReverseP21RefundReturn--")]
public record ReverseP21RefundReturn : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string DocumentKind { get; init; }
    public required string DocumentNumber { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    /// <summary>Why: Stripe's failure reason.</summary>
    public required string Reason { get; init; }
}
