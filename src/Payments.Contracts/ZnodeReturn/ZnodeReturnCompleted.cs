using MassTransit;

namespace Payments.Contracts.ZnodeReturn;

/// <summary>The Znode return is <c>REFUND PROCESSED</c>.</summary>
[MessageUrn("Payments.ZnodeReturn:ZnodeReturnCompleted")]
[EntityName("Payments.ZnodeReturn:ZnodeReturnCompleted")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeReturn:ZnodeReturnCompleted--")]
public record ZnodeReturnCompleted : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode return: <c>CorrelationKey(znode-return, ReturnNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ReturnNumber { get; init; }
    public required string ReturnState { get; init; }
}
