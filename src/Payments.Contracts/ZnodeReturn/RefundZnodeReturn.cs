using MassTransit;

namespace Payments.Contracts.ZnodeReturn;

/// <summary>Refund the approved amount of the Znode return in Stripe, with an idempotency key from the return number and the return number in the refund's metadata.</summary>
[MessageUrn("Payments.ZnodeReturn:RefundZnodeReturn")]
[EntityName("Payments.ZnodeReturn:RefundZnodeReturn")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeReturn:RefundZnodeReturn--")]
public record RefundZnodeReturn : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode return: <c>CorrelationKey(znode-return, ReturnNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ReturnNumber { get; init; }
    public required string OrderNumber { get; init; }
    public string? ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
}
