using MassTransit;

namespace Payments.Contracts.Shared;

/// <summary>A flow began for <see cref="Subject"/>. Every flow publishes it, so operations tooling treats every flow alike.</summary>
[MessageUrn("Payments.Shared:FlowStarted")]
[EntityName("Payments.Shared:FlowStarted")]
[FaultEntityName("MassTransit:Fault--Payments.Shared:FlowStarted--")]
public record FlowStarted : CorrelatedBy<Guid>
{
    public required Guid CorrelationId { get; init; }
    /// <summary>One of <see cref="FlowNames"/>.</summary>
    public required string Flow { get; init; }
    /// <summary>The correlation key the flow is about, e.g. <c>stripe-payment:pi_123</c>.</summary>
    public required string Subject { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
}
