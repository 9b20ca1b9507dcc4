using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>Create the P21 sales order for a paid Stripe charge: find or create the customer, map the items, post the order.</summary>
[MessageUrn("Payments.ChargeToOrder:PostP21Order")]
[EntityName("Payments.ChargeToOrder:PostP21Order")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:PostP21Order--")]
public record PostP21Order : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required PaymentDetails Payment { get; init; }
}
