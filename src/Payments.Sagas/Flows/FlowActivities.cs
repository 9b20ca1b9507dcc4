using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Flows;

/// <summary>The steps of a flow's life every saga takes the same way: start, progress, complete, fail.</summary>
public static class FlowActivities
{
    /// <summary>The flow begins: records what it is about and when, and announces <see cref="FlowStarted"/>.</summary>
    public static EventActivityBinder<TState, T> StartFlow<TState, T>(this EventActivityBinder<TState, T> binder, Func<T, CorrelationKey> subject)
        where TState : FlowState
        where T : class
    {
        var machine = Machine(binder);
        return binder
            .Then(context =>
            {
                context.Saga.Subject = subject(context.Message).ToString();
                context.Saga.CreatedAt = context.Saga.UpdatedAt = machine.Clock.GetUtcNow().UtcDateTime;
            })
            .Publish(context => new FlowStarted
            {
                CorrelationId = context.Saga.CorrelationId,
                Flow = machine.Flow,
                Subject = context.Saga.Subject,
                StartedAt = machine.Clock.GetUtcNow(),
            });
    }

    /// <summary>A step succeeded: any failure recorded before (the message was redriven) is cleared, and the time kept.</summary>
    public static EventActivityBinder<TState, T> StepSucceeded<TState, T>(this EventActivityBinder<TState, T> binder)
        where TState : FlowState
        where T : class
    {
        var machine = Machine(binder);
        return binder.Then(context =>
        {
            context.Saga.FailedStep = context.Saga.FailureReason = null;
            context.Saga.FailedAt = null;
            context.Saga.UpdatedAt = machine.Clock.GetUtcNow().UtcDateTime;
        });
    }

    /// <summary>The flow is done: announces <see cref="FlowCompleted"/> with the documents it left, and finalizes the saga (its row stays, as Final).</summary>
    public static EventActivityBinder<TState, T> CompleteFlow<TState, T>(this EventActivityBinder<TState, T> binder,
        Func<BehaviorContext<TState, T>, IReadOnlyDictionary<string, string>> documents)
        where TState : FlowState
        where T : class =>
        binder.PublishFlowCompleted(documents).Finalize();

    /// <summary>
    /// Announces <see cref="FlowCompleted"/> with the documents the flow left, without finalizing: for a flow that rests in a visible state of
    /// its own where a later event may still undo what it did (a posted payout that fails afterwards is reversed).
    /// </summary>
    public static EventActivityBinder<TState, T> PublishFlowCompleted<TState, T>(this EventActivityBinder<TState, T> binder,
        Func<BehaviorContext<TState, T>, IReadOnlyDictionary<string, string>> documents)
        where TState : FlowState
        where T : class
    {
        var machine = Machine(binder);
        return binder.Publish(context => new FlowCompleted
        {
            CorrelationId = context.Saga.CorrelationId,
            Flow = machine.Flow,
            Subject = context.Saga.Subject,
            CompletedAt = machine.Clock.GetUtcNow(),
            Documents = documents(context),
        });
    }

    /// <summary>Announces <see cref="FlowFailed"/> with the step and reason the saga recorded.</summary>
    public static EventActivityBinder<TState, T> PublishFlowFailed<TState, T>(this EventActivityBinder<TState, T> binder)
        where TState : FlowState
        where T : class
    {
        var machine = Machine(binder);
        return binder.Publish(context => new FlowFailed
        {
            CorrelationId = context.Saga.CorrelationId,
            Flow = machine.Flow,
            Subject = context.Saga.Subject,
            Step = context.Saga.FailedStep ?? "(unknown)",
            Reason = context.Saga.FailureReason ?? "(no reason recorded)",
            FailedAt = machine.Clock.GetUtcNow(),
        });
    }

    static IFlowStateMachine Machine<TState, T>(EventActivityBinder<TState, T> binder)
        where TState : class, SagaStateMachineInstance
        where T : class =>
        binder.StateMachine as IFlowStateMachine
        ?? throw new InvalidOperationException($"{binder.StateMachine.GetType().Name} is not a FlowStateMachine; flow activities need one.");
}
