using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Flows;

/// <summary>
/// <c>payments.flows.started</c>, <c>.completed</c>, <c>.failed</c> (by flow; failed also by step) under the "Payments" meter, counted
/// where the sagas publish <see cref="FlowStarted"/>, <see cref="FlowCompleted"/> and <see cref="FlowFailed"/>: a publish observer, so
/// every flow is counted alike without a line in any state machine. The publish goes into the saga's outbox; a unit of work rolled back
/// and run again (a concurrency conflict) may count its publish twice.
/// </summary>
public sealed class FlowMetrics : IPublishObserver
{
    public const string Started = "payments.flows.started";
    public const string Completed = "payments.flows.completed";
    public const string Failed = "payments.flows.failed";

    readonly Counter<long> _started;
    readonly Counter<long> _completed;
    readonly Counter<long> _failed;

    public FlowMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Payments.ServiceDefaults.HostDefaults.TelemetryName);
        _started = meter.CreateCounter<long>(Started, "{flow}", "Flows started, by flow.");
        _completed = meter.CreateCounter<long>(Completed, "{flow}", "Flows completed, by flow.");
        _failed = meter.CreateCounter<long>(Failed, "{flow}", "Flows stopped in Failed, by flow and step.");
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        switch (context.Message)
        {
            case FlowStarted m:
                _started.Add(1, new KeyValuePair<string, object?>("flow", m.Flow));
                break;
            case FlowCompleted m:
                _completed.Add(1, new KeyValuePair<string, object?>("flow", m.Flow));
                break;
            case FlowFailed m:
                _failed.Add(1, new KeyValuePair<string, object?>("flow", m.Flow), new KeyValuePair<string, object?>("step", m.Step));
                break;
        }
        return Task.CompletedTask;
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

public static class FlowMetricsExtensions
{
    /// <summary>Counts the flows the bus publishes (<see cref="FlowMetrics"/>); the sagas' service calls it.</summary>
    public static IServiceCollection AddFlowMetrics(this IServiceCollection services) =>
        services.AddMetrics().AddPublishObserver<FlowMetrics>();
}
