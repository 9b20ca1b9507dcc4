using MassTransit;

namespace Payments.Contracts.ZnodeReturn;

/// <summary>The refund of the Znode return is booked (the stripe-refund flow posted its P21 return document and showed it on the Znode order).</summary>
[MessageUrn("Payments.ZnodeReturn:ZnodeReturnRefundBooked")]
[EntityName("Payments.ZnodeReturn:ZnodeReturnRefundBooked")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeReturn:ZnodeReturnRefundBooked--")]
public record ZnodeReturnRefundBooked : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode return: <c>CorrelationKey(znode-return, ReturnNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ReturnNumber { get; init; }
    public required string RefundId { get; init; }
    public required string P21DocumentKind { get; init; }
    public required string P21DocumentNumber { get; init; }
}
