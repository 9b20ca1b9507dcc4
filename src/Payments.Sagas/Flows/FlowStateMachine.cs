using MassTransit;
using Microsoft.Extensions.Logging;

namespace Payments.Sagas.Flows;

/// <summary>
/// The failure-tracking idiom every flow's saga shares, so no saga copies it:
/// <list type="bullet">
/// <item>a visible <see cref="Failed"/> state with the step and the reason (<see cref="FailOn{TCommand}"/>), announced as
/// <c>FlowFailed</c>;</item>
/// <item>a visible <see cref="NeedsAttention"/> state for a step that succeeded with a difference (<see cref="NeedAttentionOn{T}"/>), announced
/// the same way;</item>
/// <item>a step's success is accepted in <c>Failed</c> too (<see cref="DuringStep"/>), so a redriven message that
/// succeeds resumes the flow where it stopped;</item>
/// <item>a repeated initiating event is acknowledged and logged at information level (<see cref="AcknowledgeDuplicates{T}"/>);</item>
/// <item>any other event a state does not expect is logged as a warning and ignored, never dropped silently.</item>
/// </list>
/// Messages are <c>CorrelatedBy&lt;Guid&gt;</c>, so events and their faults correlate without per-event configuration.
/// Time comes from <see cref="TimeProvider"/>.
/// </summary>
public abstract class FlowStateMachine<TState> : MassTransitStateMachine<TState>, IFlowStateMachine
    where TState : FlowState, new()
{
    protected FlowStateMachine(string flow, TimeProvider clock, ILogger logger)
    {
        Flow = flow;
        Clock = clock;
        Logger = logger;
        InstanceState(x => x.CurrentState);

        OnUnhandledEvent(context =>
        {
            logger.LogWarning("{Flow} {Subject} ({CorrelationId}) in state {State} ignored event {Event}, which that state does not expect",
                Flow, context.Saga.Subject, context.Saga.CorrelationId, context.Saga.CurrentState, context.Event.Name);
            return context.Ignore();
        });
    }

    public string Flow { get; }
    public TimeProvider Clock { get; }
    protected ILogger Logger { get; }

    /// <summary>Stopped on a failure a person must look at; the faulted message can be redriven from its <c>_error</c> queue.</summary>
    public State Failed { get; protected set; } = null!;

    /// <summary>
    /// Stopped because the other system did something other than asked yet reported success (e.g. P21 kept an order without a line): the
    /// document exists, nothing failed to redrive, and a person must settle the difference. The reason columns of <see cref="Failed"/> say why.
    /// </summary>
    public State NeedsAttention { get; protected set; } = null!;

    /// <summary>What a step accepts, in the step's own state and in <see cref="Failed"/> (a redriven message that succeeds resumes the flow).</summary>
    protected void DuringStep(State step, params EventActivities<TState>[] activities) => During(step, Failed, activities);

    /// <summary>
    /// A fault of <typeparamref name="TCommand"/> (the consumer gave up: permanent failure or retries spent) stops the flow
    /// in <see cref="Failed"/> with the command's name as the step. In <c>Failed</c> a later fault (a redrive that failed
    /// again) records the newer reason. <paramref name="steps"/> are every state the command's fault may arrive in (a flow that moves on
    /// while the command is on its way names the states it moves to), so a fault is never ignored.
    /// </summary>
    protected void FailOn<TCommand>(Event<Fault<TCommand>> faulted, params State[] steps)
        where TCommand : class
    {
        var stepName = typeof(TCommand).Name;
        During([.. steps, Failed],
            When(faulted)
                .Then(context =>
                {
                    context.Saga.FailedStep = stepName;
                    context.Saga.FailureReason = FaultReason.Describe(context.Message);
                    context.Saga.FailedAt = context.Saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogError("{Flow} {Subject} ({CorrelationId}) failed at {Step}: {Reason}",
                        Flow, context.Saga.Subject, context.Saga.CorrelationId, stepName, context.Saga.FailureReason);
                })
                .PublishFlowFailed()
                .TransitionTo(Failed));
    }

    /// <summary>
    /// <typeparamref name="T"/> (a step's reply that reports a difference) stops the flow in <see cref="NeedsAttention"/>: the event's name as
    /// the step, <paramref name="reason"/> as the reason, announced as <c>FlowFailed</c> like a failure, so the same alert reaches a person.
    /// </summary>
    protected void NeedAttentionOn<T>(Event<T> differed, State step, Func<T, string> reason, Action<BehaviorContext<TState, T>>? record = null)
        where T : class
    {
        var stepName = typeof(T).Name;
        During(step, Failed,
            When(differed)
                .Then(context =>
                {
                    record?.Invoke(context);
                    context.Saga.FailedStep = stepName;
                    context.Saga.FailureReason = reason(context.Message);
                    context.Saga.FailedAt = context.Saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogWarning("{Flow} {Subject} ({CorrelationId}) needs attention: {Reason}",
                        Flow, context.Saga.Subject, context.Saga.CorrelationId, context.Saga.FailureReason);
                })
                .PublishFlowFailed()
                .TransitionTo(NeedsAttention));
    }

    /// <summary>
    /// The initiating event again (a redelivery, or a second event for the same subject): acknowledged and logged at
    /// information level in every state, Final included (finished flows stay on record), and nothing is done twice.
    /// </summary>
    protected void AcknowledgeDuplicates<T>(Event<T> initiating, Func<T, string> describe)
        where T : class
    {
        // DuringAny covers every state but Initial and Final, so Final is named too.
        DuringAny(Acknowledge(initiating, describe));
        During(Final, Acknowledge(initiating, describe));
    }

    EventActivityBinder<TState, T> Acknowledge<T>(Event<T> initiating, Func<T, string> describe)
        where T : class =>
        When(initiating)
            .Then(context => Logger.LogInformation("{Flow} {Subject} ({CorrelationId}) in state {State} already knows {What}; nothing done again",
                Flow, context.Saga.Subject, context.Saga.CorrelationId, context.Saga.CurrentState, describe(context.Message)));
}
