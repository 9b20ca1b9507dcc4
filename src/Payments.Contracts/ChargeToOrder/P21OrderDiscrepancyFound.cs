using MassTransit;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>
/// The P21 service created the sales order for a payment, but reading it back showed that P21 kept something other than what was sent:
/// a missing line, another quantity, price or total, or no charge reference. The order exists; a person must settle the difference.
/// </summary>
[MessageUrn("Payments.ChargeToOrder:P21OrderDiscrepancyFound")]
[EntityName("Payments.ChargeToOrder:P21OrderDiscrepancyFound")]
[FaultEntityName("MassTransit:Fault--Payments.ChargeToOrder:P21OrderDiscrepancyFound--")]
public record P21OrderDiscrepancyFound : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNo { get; init; }
    public required long CustomerId { get; init; }
    public required bool CustomerCreated { get; init; }
    /// <summary>Each difference in words, e.g. "line WIDGET-001 × 2 at 12.5000 was not kept".</summary>
    public required IReadOnlyList<string> Differences { get; init; }
}
