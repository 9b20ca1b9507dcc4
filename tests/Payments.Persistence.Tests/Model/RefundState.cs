using MassTransit;
using Payments.Persistence.Sagas;

namespace Payments.Persistence.Tests.Model;

public record RefundRequested(Guid CorrelationId, decimal Amount);

public record RefundOpened(Guid CorrelationId);

/// <summary>A saga whose initiating event pre-inserts the instance (InsertOnInitial), the other way MassTransit creates sagas.</summary>
public class RefundState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    /// <summary>Nullable: a pre-inserted instance is stored before the state machine gives it a state.</summary>
    public string? CurrentState { get; set; }

    public int Requests { get; set; }
}

public class RefundStateMap : SagaClassMap<RefundState>;

public class RefundStateMachine : MassTransitStateMachine<RefundState>
{
    public RefundStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Requested, x => x.InsertOnInitial = true);

        Initially(
            When(Requested)
                .Then(x => x.Saga.Requests++)
                .Publish(x => new RefundOpened(x.Saga.CorrelationId))
                .TransitionTo(Open));

        During(Open,
            When(Requested).Then(x => x.Saga.Requests++));
    }

    public State Open { get; private set; } = null!;
    public Event<RefundRequested> Requested { get; private set; } = null!;
}
