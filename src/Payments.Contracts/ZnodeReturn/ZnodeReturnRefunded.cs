using MassTransit;

namespace Payments.Contracts.ZnodeReturn;

/// <summary>Stripe accepted the refund of the Znode return.</summary>
[MessageUrn("Payments.ZnodeReturn:ZnodeReturnRefunded")]
[EntityName("Payments.ZnodeReturn:ZnodeReturnRefunded")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeReturn:ZnodeReturnRefunded--")]
public record ZnodeReturnRefunded : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode return: <c>CorrelationKey(znode-return, ReturnNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ReturnNumber { get; init; }
    public required string RefundId { get; init; }
    public required string ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required string Status { get; init; }
}
