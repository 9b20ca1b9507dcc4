using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios;

/// <summary>How a flow ended, as its saga announced it (<see cref="FlowCompleted"/> or <see cref="FlowFailed"/>).</summary>
public sealed record FlowOutcome(Guid CorrelationId, string Flow, bool Completed, IReadOnlyDictionary<string, string> Documents, string? FailedStep, string? Reason)
{
    public string? OrderNo => Documents.GetValueOrDefault(FlowDocumentKeys.P21SalesOrder);
    public string? CustomerId => Documents.GetValueOrDefault(FlowDocumentKeys.P21Customer);
}

/// <summary>Lets the sandbox wait for a saga's verdict on a flow.</summary>
public sealed class FlowOutcomes
{
    readonly ConcurrentDictionary<Guid, TaskCompletionSource<FlowOutcome>> _outcomes = new();

    public Task<FlowOutcome> WaitFor(Guid correlationId, CancellationToken cancellationToken) =>
        Slot(correlationId).Task.WaitAsync(cancellationToken);

    internal void Report(FlowOutcome outcome) => Slot(outcome.CorrelationId).TrySetResult(outcome);

    TaskCompletionSource<FlowOutcome> Slot(Guid id) =>
        _outcomes.GetOrAdd(id, _ => new TaskCompletionSource<FlowOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Listens for every flow's shared outcome events on the sandbox's bus.</summary>
public sealed class FlowOutcomeObserver(FlowOutcomes outcomes) : IConsumer<FlowCompleted>, IConsumer<FlowFailed>
{
    public Task Consume(ConsumeContext<FlowCompleted> context)
    {
        var m = context.Message;
        outcomes.Report(new FlowOutcome(m.CorrelationId, m.Flow, true, m.Documents, null, null));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<FlowFailed> context)
    {
        var m = context.Message;
        outcomes.Report(new FlowOutcome(m.CorrelationId, m.Flow, false, new Dictionary<string, string>(), m.Step, m.Reason));
        return Task.CompletedTask;
    }
}
