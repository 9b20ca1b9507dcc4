using Payments.Sagas.Flows;

namespace Payments.Sagas.ZnodeOrderToCash;

/// <summary>The life of one Znode order from placement to its captured payment in Znode and its journal entry in P21.</summary>
public class ZnodeOrderState : FlowState
{
    public string OrderNumber { get; set; } = null!;
    public long OmsOrderId { get; set; }
    public string? ShopperEmail { get; set; }
    /// <summary>As Znode sent them; the Stripe service checks them before any Stripe call.</summary>
    public string? OrderCurrency { get; set; }
    public decimal OrderTotal { get; set; }
    public DateTime PlacedAt { get; set; }

    public string? PaymentIntentId { get; set; }
    public string? StripeCustomerId { get; set; }
    public long? AmountMinor { get; set; }
    public string? Currency { get; set; }
    public DateTime? PaymentOfferedAt { get; set; }

    /// <summary>The overdue notice the scheduler holds for this order (1 = reminder, 2 = final deadline), cancelled when the payment arrives.</summary>
    public Guid? PaymentOverdueTokenId { get; set; }
    public DateTime? RemindedAt { get; set; }

    public int DeclineCount { get; set; }
    public string? LastDeclinedChargeId { get; set; }
    public string? LastDeclineCode { get; set; }
    public string? LastDeclineMessage { get; set; }
    public DateTime? LastDeclinedAt { get; set; }

    public string? ChargeId { get; set; }
    public string? PaidStripeEventId { get; set; }
    public DateTime? PaidAt { get; set; }
    public string? ZnodePaymentStatus { get; set; }
    public string? ZnodeOrderStateName { get; set; }
    public string? P21JournalReference { get; set; }
    public DateTime? CanceledAt { get; set; }
}
