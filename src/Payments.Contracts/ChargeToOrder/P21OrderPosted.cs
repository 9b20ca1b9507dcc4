using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>The P21 service created (or found, on redelivery) the sales order for a payment.</summary>
[MessageUrn("Payments.ChargeToOrder:P21OrderPosted")]
[EntityName("Payments.ChargeToOrder:P21OrderPosted")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:P21OrderPosted--")]
public record P21OrderPosted : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNo { get; init; }
    public required long CustomerId { get; init; }
    public required bool CustomerCreated { get; init; }
    /// <summary>True when the order already existed (found by the charge id kept on it) and none was created.</summary>
    public required bool AlreadyExisted { get; init; }
}
