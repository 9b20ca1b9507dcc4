using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>Write the P21 order number (and customer id) into the Stripe charge's metadata.</summary>
[MessageUrn("Payments.ChargeToOrder:RecordP21OrderOnCharge")]
[EntityName("Payments.ChargeToOrder:RecordP21OrderOnCharge")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:RecordP21OrderOnCharge--")]
public record RecordP21OrderOnCharge : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNo { get; init; }
    public required long CustomerId { get; init; }
}
