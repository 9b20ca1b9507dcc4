using MassTransit;

namespace Payments.Contracts.Shared;

/// <summary>A flow finished: every system holds what it should. <see cref="Documents"/> names what was left where.</summary>
[MessageUrn("Payments.Shared:FlowCompleted")]
[EntityName("Payments.Shared:FlowCompleted")]
[FaultEntityName("MassTransit:Fault--Payments.Shared:FlowCompleted--")]
public record FlowCompleted : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string Flow { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    /// <summary>By <see cref="FlowDocumentKeys"/>: e.g. <c>p21.sales-order</c> → <c>1043</c>.</summary>
    public IReadOnlyDictionary<string, string> Documents { get; init; } = new Dictionary<string, string>();
}
