using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>The Stripe service completed a charge's order details: <see cref="Payment"/> now has its lines, and the customer's details where Stripe has them.</summary>
[MessageUrn("Payments.ChargeToOrder:ChargeOrderDetailsCollected")]
[EntityName("Payments.ChargeToOrder:ChargeOrderDetailsCollected")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:ChargeOrderDetailsCollected--")]
public record ChargeOrderDetailsCollected : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    /// <summary>The charge's payment details with <see cref="PaymentDetails.Lines"/> never empty.</summary>
    public required PaymentDetails Payment { get; init; }
    /// <summary>Where the lines came from: <c>charge</c> (metadata <c>items</c>), <c>checkout-session</c> or <c>default-item</c>.</summary>
    public required string LinesFrom { get; init; }
    /// <summary>Where the customer's e-mail came from: <c>charge</c>, <c>stripe-customer</c>, <c>checkout-session</c>, or null when Stripe has none.</summary>
    public string? CustomerFrom { get; init; }
}
