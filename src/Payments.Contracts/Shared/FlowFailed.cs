using MassTransit;

namespace Payments.Contracts.Shared;

/// <summary>
/// A flow stopped on a failure that needs a person (a business rule, bad credentials, retries exhausted) and waits in
/// its saga's Failed state. Redriving the faulted message from its <c>_error</c> queue resumes it.
/// </summary>
[MessageUrn("Payments.Shared:FlowFailed")]
[EntityName("Payments.Shared:FlowFailed")]
[FaultEntityName("MassTransit:Fault--Payments.Shared:FlowFailed--")]
public record FlowFailed : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    public required string Flow { get; init; }
    public required string Subject { get; init; }
    /// <summary>The step that failed: the command whose fault stopped the flow, e.g. <c>PostP21Order</c>.</summary>
    public required string Step { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset FailedAt { get; init; }
}
