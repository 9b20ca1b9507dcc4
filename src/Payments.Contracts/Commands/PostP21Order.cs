namespace Payments.Contracts.Commands;

/// <summary>Create the P21 sales order for a paid Stripe charge: find or create the customer, map the items, post the order.</summary>
public record PostP21Order
{
    public required Guid CorrelationId { get; init; }
    public required PaymentDetails Payment { get; init; }
}
