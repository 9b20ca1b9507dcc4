using MassTransit;

namespace Payments.Contracts.ZnodeReturn;

/// <summary>Move the Znode return to <c>REFUND PROCESSED</c>, with a note naming the Stripe refund and the P21 document.</summary>
[MessageUrn("Payments.ZnodeReturn:CompleteZnodeReturn")]
[EntityName("Payments.ZnodeReturn:CompleteZnodeReturn")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeReturn:CompleteZnodeReturn--")]
public record CompleteZnodeReturn : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode return: <c>CorrelationKey(znode-return, ReturnNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ReturnNumber { get; init; }
    public required string OrderNumber { get; init; }
    public required string RefundId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public string? P21DocumentNumber { get; init; }
}
