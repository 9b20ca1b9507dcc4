using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>
/// Complete a paid charge's order details from where the shop keeps them before it is posted: the lines (the Checkout Session of its
/// PaymentIntent, else a configured default item, else the payment is refused with the reason) and the customer (the Stripe Customer
/// when the charge names one but no e-mail). Sent when the charge carries no lines or no customer e-mail.
/// </summary>
[MessageUrn("Payments.ChargeToOrder:CollectChargeOrderDetails")]
[EntityName("Payments.ChargeToOrder:CollectChargeOrderDetails")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:CollectChargeOrderDetails--")]
public record CollectChargeOrderDetails : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    /// <summary>What the charge event carried.</summary>
    public required PaymentDetails Payment { get; init; }
}
