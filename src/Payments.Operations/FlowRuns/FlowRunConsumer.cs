using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Operations.FlowRuns;

/// <summary>The console's projection of every flow's outcome events (queue <c>flow-run</c>): see <see cref="FlowRunProjection"/>.</summary>
public sealed class FlowRunConsumer(FlowRunProjection projection) : IConsumer<FlowStarted>, IConsumer<FlowFailed>, IConsumer<FlowCompleted>
{
    public Task Consume(ConsumeContext<FlowStarted> context) => projection.ApplyAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<FlowFailed> context) => projection.ApplyAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<FlowCompleted> context) => projection.ApplyAsync(context.Message, context.CancellationToken);
}
