using Payments.Sagas.Flows;

namespace Payments.Sagas.StripeRefund;

/// <summary>The life of one Stripe refund: its own amount booked once in P21 (and on the Znode order), or reversed when it fails.</summary>
public class RefundState : FlowState
{
    public string RefundId { get; set; } = null!;
    public string ChargeId { get; set; } = null!;
    public string? PaymentIntentId { get; set; }
    /// <summary>The refund's own amount, never the charge's cumulative <c>amount_refunded</c>.</summary>
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = null!;
    /// <summary>Stripe's reason for the refund (<c>requested_by_customer</c>, ...).</summary>
    public string? Reason { get; set; }
    public string? ZnodeReturnNumber { get; set; }
    public DateTime RefundCreatedAt { get; set; }

    /// <summary>Stripe's refund status as the newest report gave it (older reports change nothing).</summary>
    public string Status { get; set; } = null!;
    /// <summary>Stripe's <c>failure_reason</c> of a failed refund.</summary>
    public string? StripeFailureReason { get; set; }
    public DateTime LastReportedAt { get; set; }
    public string LastStripeEventId { get; set; } = null!;
    public string LastEventType { get; set; } = null!;

    /// <summary>Read from the charge (<c>DescribeRefundedCharge</c>): the documents the other flows left on it.</summary>
    public long? ChargeAmountMinor { get; set; }
    public string? P21OrderNo { get; set; }
    public string? P21CustomerId { get; set; }
    public string? ZnodeOrderNumber { get; set; }
    /// <summary><c>Full</c> or <c>Partial</c>: this refund with the charge's other refunds that move money.</summary>
    public string? Scope { get; set; }
    /// <summary>The charge's other refunds that move money, from the last description: what the Znode order still shows if this one fails.</summary>
    public long? OtherRefundsMinor { get; set; }
    public DateTime? ChargeDescribedAt { get; set; }

    /// <summary>Rechecks done while the charge had no ERP document; the pending one the scheduler holds.</summary>
    public int RecheckCount { get; set; }
    public Guid? RecheckTokenId { get; set; }

    /// <summary>What was booked in P21 (<c>rma</c> or <c>journal</c>, its number, the amount): a reversal undoes exactly this.</summary>
    public string? P21DocumentKind { get; set; }
    public string? P21DocumentNumber { get; set; }
    public long? BookedAmountMinor { get; set; }
    public DateTime? BookedAt { get; set; }

    public string? ZnodePaymentStatus { get; set; }
    public DateTime? ZnodeRecordedAt { get; set; }

    public string? P21ReversalNumber { get; set; }
    public DateTime? ReversedAt { get; set; }
    public DateTime? CanceledAt { get; set; }
}
