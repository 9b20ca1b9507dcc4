namespace Payments.Operations.FlowRuns;

/// <summary>
/// One run of a flow as the console shows it, projected from the flow's <c>FlowStarted</c>, <c>FlowFailed</c> and <c>FlowCompleted</c>
/// events (<see cref="FlowRunProjection"/>). Keyed by the saga's correlation id, which every message of the run carries.
/// </summary>
public sealed class FlowRun
{
    public Guid CorrelationId { get; set; }
    public string Flow { get; set; } = "";
    /// <summary>The correlation key the flow is about, e.g. <c>stripe-payment:pi_123</c>.</summary>
    public string Subject { get; set; } = "";
    /// <summary><see cref="FlowRunStates"/>.</summary>
    public string State { get; set; } = FlowRunStates.Running;
    /// <summary>When the event that set <see cref="State"/> happened (the flow's own time, not when the console heard of it).</summary>
    public DateTime StateAt { get; set; }
    public DateTime? StartedAt { get; set; }
    /// <summary>The last failure: kept after a redrive completed the run, so the page can say what was wrong.</summary>
    public DateTime? FailedAt { get; set; }
    public string? FailedStep { get; set; }
    public string? FailureReason { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>What the run left where (FlowCompleted's documents), as JSON.</summary>
    public string? Documents { get; set; }
    /// <summary>Optimistic concurrency: two events of one run applied at once, the second is applied again on the newer row.</summary>
    public int Version { get; set; }
}
