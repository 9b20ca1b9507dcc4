using MassTransit;

namespace Payments.Testing;

/// <summary>
/// Forces racing copies of an initiating event to really collide: every attempt that is about to create a new instance
/// (the repository found none, so the instance is still in Initial) waits here until <see cref="Expected"/> attempts have
/// arrived or <see cref="Limit"/> has passed. They then all insert the same CorrelationId; all but one lose and run again.
/// Register it as the state machine's <see cref="IEventObserver{TSaga}"/>:
/// <c>services.AddSingleton&lt;IEventObserver&lt;TSaga&gt;&gt;(gate)</c>.
/// <see cref="Arrivals"/> above one proves a collision; SQLite runs write transactions one after the other, so there a
/// copy never finds the instance missing once another has created it, and the count stays at one.
/// </summary>
public sealed class InitiationGate<TSaga> : IEventObserver<TSaga>
    where TSaga : class, SagaStateMachineInstance
{
    readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _arrivals;

    /// <summary>How many creating attempts to hold back until they are all under way; one (the default) holds none.</summary>
    public int Expected { get; set; } = 1;

    public TimeSpan Limit { get; set; } = TimeSpan.FromSeconds(5);

    public int Arrivals => Volatile.Read(ref _arrivals);

    public async Task PreExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class
    {
        if (await context.StateMachine.GetState(context) != context.StateMachine.Initial)
            return;
        if (Interlocked.Increment(ref _arrivals) >= Expected)
            _allArrived.TrySetResult();
        await Task.WhenAny(_allArrived.Task, Task.Delay(Limit));
    }

    public Task PreExecute(BehaviorContext<TSaga> context) => Task.CompletedTask;

    public Task PostExecute(BehaviorContext<TSaga> context) => Task.CompletedTask;

    public Task PostExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Task.CompletedTask;

    public Task ExecuteFault(BehaviorContext<TSaga> context, Exception exception) => Task.CompletedTask;

    public Task ExecuteFault<T>(BehaviorContext<TSaga, T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
