using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>
/// The Stripe service found that the charge's PaymentIntent pays a Stripe Billing invoice (its <c>invoice_payment</c>), so the charge is
/// not a shop's sale: the invoice is booked by the <c>stripe-subscription</c> flow, and charge-to-order posts no order for it (issue 14
/// item 8). Answers <see cref="CollectChargeOrderDetails"/> instead of <see cref="ChargeOrderDetailsCollected"/>.
/// </summary>
[MessageUrn("Payments.ChargeToOrder:ChargePaysBillingInvoice")]
[EntityName("Payments.ChargeToOrder:ChargePaysBillingInvoice")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:ChargePaysBillingInvoice--")]
public record ChargePaysBillingInvoice : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string InvoiceId { get; init; }
    /// <summary>The subscription the invoice bills (<c>parent.subscription_details.subscription</c>); null for a one-off invoice.</summary>
    public string? SubscriptionId { get; init; }
}
