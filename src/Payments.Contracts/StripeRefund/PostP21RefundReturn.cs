using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>Post the refund's return document in P21 for the refund's own amount: an RMA against the charge's sales order (full or partial, as configured), or a reversing journal for a charge whose sale P21 holds as a journal (a Znode order).</summary>
[MessageUrn("Payments.StripeRefund:PostP21RefundReturn")]
[EntityName("Payments.StripeRefund:PostP21RefundReturn")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:PostP21RefundReturn--")]
public record PostP21RefundReturn : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required string ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    /// <summary><c>Full</c> when the charge's refunds (this one included) empty it, else <c>Partial</c>.</summary>
    public required string Scope { get; init; }
    /// <summary>The charge's P21 sales order (charge-to-order).</summary>
    public string? P21OrderNo { get; init; }
    /// <summary>The charge's Znode order (znode-order-to-cash: the sale is a P21 journal).</summary>
    public string? ZnodeOrderNumber { get; init; }
    public string? P21CustomerId { get; init; }
    public required DateTimeOffset RefundedAt { get; init; }
}
