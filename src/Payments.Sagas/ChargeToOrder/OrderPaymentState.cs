using Payments.Sagas.Flows;

namespace Payments.Sagas.ChargeToOrder;

/// <summary>The life of one Stripe payment on its way into P21, kept by the saga repository.</summary>
public class OrderPaymentState : FlowState
{
    public string ChargeId { get; set; } = null!;
    public string? PaymentIntentId { get; set; }
    public string StripeEventId { get; set; } = null!;
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = null!;
    public string? CustomerEmail { get; set; }

    public string? P21OrderNo { get; set; }
    public long? P21CustomerId { get; set; }
}
