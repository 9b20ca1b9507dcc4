using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Operations.Alerts.Consumers;

/// <summary>A flow stopped in Failed: one alert per flow, step and reason, so an outage that fails a thousand payments the same way is one alert.</summary>
public sealed class FlowFailedAlertConsumer(AlertDispatcher alerts) : IConsumer<FlowFailed>
{
    public Task Consume(ConsumeContext<FlowFailed> context)
    {
        var m = context.Message;
        return alerts.RaiseAsync(new Alert(
            AlertKinds.FlowFailed,
            Alert.KeyOf(AlertKinds.FlowFailed, m.Flow, m.Step, m.Reason),
            $"{m.Flow} failed at {m.Step}",
            $"Flow {m.Flow} stopped in Failed at step {m.Step}.\nReason: {m.Reason}\nSubject: {m.Subject}\n\n"
            + "Fix the cause, then redrive the faulted message (payments faults redrive, or the operations console).",
            m.FailedAt), context.CancellationToken);
    }
}
