using MassTransit;

namespace Payments.Sagas.Flows;

/// <summary>
/// What every flow's saga keeps besides its own data: where it is, what it is about, when it moved, and — while it waits
/// in <c>Failed</c> for a person — the step that failed and why.
/// </summary>
public abstract class FlowState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = null!;
    /// <summary>Optimistic-concurrency version: two events for one flow never overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>The correlation key the flow is about (<c>stripe-payment:pi_123</c>), readable where the id is not.</summary>
    public string Subject { get; set; } = null!;

    public string? FailedStep { get; set; }
    public string? FailureReason { get; set; }
    public DateTime? FailedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
