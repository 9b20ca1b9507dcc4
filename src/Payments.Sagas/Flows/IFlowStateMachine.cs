namespace Payments.Sagas.Flows;

/// <summary>What the flow activities (<see cref="FlowActivities"/>) need to know of the machine they run in.</summary>
public interface IFlowStateMachine
{
    /// <summary>One of <see cref="Payments.Contracts.Shared.FlowNames"/>.</summary>
    string Flow { get; }
    TimeProvider Clock { get; }
}
