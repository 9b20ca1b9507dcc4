using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>Stripe reported a refund, or a change of one (<c>refund.created</c>, <c>refund.updated</c>, <c>refund.failed</c>, <c>charge.refund.updated</c>, or one refund of a <c>charge.refunded</c>): the refund's <b>own</b> amount, never the charge's cumulative <c>amount_refunded</c>.</summary>
[MessageUrn("Payments.StripeRefund:StripeRefundReported")]
[EntityName("Payments.StripeRefund:StripeRefundReported")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:StripeRefundReported--")]
public record StripeRefundReported : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeEventId { get; init; }
    /// <summary>The Stripe event type that reported it.</summary>
    public required string EventType { get; init; }
    public required string RefundId { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>The refund's own amount, in the currency's minor units.</summary>
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    /// <summary>Stripe's refund status: <c>pending</c>, <c>requires_action</c>, <c>succeeded</c>, <c>failed</c>, <c>canceled</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Stripe's <c>failure_reason</c> of a failed refund.</summary>
    public string? FailureReason { get; init; }
    /// <summary>Stripe's <c>reason</c> (<c>duplicate</c>, <c>fraudulent</c>, <c>requested_by_customer</c>).</summary>
    public string? Reason { get; init; }
    /// <summary>The Znode return this refund pays (refund metadata written by the Znode-return flow), when it does.</summary>
    public string? ZnodeReturnNumber { get; init; }
    /// <summary>The refund's <c>created</c>.</summary>
    public required DateTimeOffset RefundCreatedAt { get; init; }
    /// <summary>The event's <c>created</c>: a later report of the same refund supersedes an earlier one.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
