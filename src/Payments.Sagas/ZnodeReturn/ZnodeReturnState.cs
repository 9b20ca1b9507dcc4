using Payments.Sagas.Flows;

namespace Payments.Sagas.ZnodeReturn;

/// <summary>The life of one Znode RMA return from its approval to <c>REFUND PROCESSED</c>: the Stripe refund, its booking, the return's state.</summary>
public class ZnodeReturnState : FlowState
{
    public string ReturnNumber { get; set; } = null!;
    public string OrderNumber { get; set; } = null!;
    public long OmsOrderId { get; set; }
    /// <summary>As Znode approved it, in major units; <see cref="AmountMinor"/> is what Stripe is asked to refund.</summary>
    public decimal ApprovedAmount { get; set; }
    public string CurrencyCode { get; set; } = null!;
    public string ApprovedReturnState { get; set; } = null!;
    public string? ShopperEmail { get; set; }
    public DateTime ApprovedAt { get; set; }

    public long? AmountMinor { get; set; }
    public string? Currency { get; set; }
    /// <summary>The Znode order's Stripe transaction id, and then the refunded charge as Stripe names it.</summary>
    public string? ChargeId { get; set; }

    public string? RefundId { get; set; }
    public string? RefundStatus { get; set; }
    public DateTime? RefundedAt { get; set; }

    /// <summary>The P21 document the stripe-refund flow booked for the refund (<c>ZnodeReturnRefundBooked</c>, which may come first).</summary>
    public string? P21DocumentKind { get; set; }
    public string? P21DocumentNumber { get; set; }
    public DateTime? BookedAt { get; set; }

    public string? CompletedReturnState { get; set; }
    public DateTime? CompletedAt { get; set; }
}
