using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Persistence.Sagas;

namespace Payments.Persistence.Tests.Model;

public class OrderState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = null!;
    public decimal Amount { get; set; }
    public decimal? CapturedAmount { get; set; }
    public string? InvoiceReference { get; set; }

    /// <summary>Written by every event: a lost update shows here even when the events' own columns differ.</summary>
    public int EventsApplied { get; set; }
}

public class OrderStateMap : SagaClassMap<OrderState>
{
    protected override void Configure(EntityTypeBuilder<OrderState> entity, ModelBuilder model)
    {
        entity.Property(x => x.CurrentState).HasMaxLength(64);
        entity.Property(x => x.Amount).HasPrecision(18, 2);
        entity.Property(x => x.CapturedAmount).HasPrecision(18, 2);
        entity.Property(x => x.InvoiceReference).HasMaxLength(64);
    }
}

public class OrderStateMachine : MassTransitStateMachine<OrderState>
{
    public OrderStateMachine(SagaGate gate)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Submitted);
        Event(() => Captured);
        Event(() => ReferenceRecorded);

        Initially(
            When(Submitted)
                .Then(x =>
                {
                    x.Saga.Amount = x.Message.Amount;
                    x.Saga.EventsApplied++;
                })
                .Publish(x => new OrderOpened(x.Saga.CorrelationId))
                .TransitionTo(Open));

        During(Open,
            // A second copy of the initiating event (another webhook delivery) changes nothing.
            Ignore(Submitted),
            When(Captured)
                .ThenAsync(_ => gate.Arrive())
                .Then(x =>
                {
                    x.Saga.CapturedAmount = x.Message.Amount;
                    x.Saga.EventsApplied++;
                }),
            When(ReferenceRecorded)
                .ThenAsync(_ => gate.Arrive())
                .Then(x =>
                {
                    x.Saga.InvoiceReference = x.Message.Reference;
                    x.Saga.EventsApplied++;
                }));
    }

    public State Open { get; private set; } = null!;
    public Event<OrderSubmitted> Submitted { get; private set; } = null!;
    public Event<PaymentCaptured> Captured { get; private set; } = null!;
    public Event<InvoiceReferenceRecorded> ReferenceRecorded { get; private set; } = null!;
}

/// <summary>
/// Holds each event handler until the other one has also loaded the instance (or a second has passed), so the two
/// events really work on the same version at the same time where the database allows it (PostgreSQL; SQLite runs
/// write transactions one after the other).
/// </summary>
public sealed class SagaGate
{
    int _arrivals;
    readonly TaskCompletionSource _bothArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Arrivals => Volatile.Read(ref _arrivals);

    public async Task Arrive()
    {
        if (Interlocked.Increment(ref _arrivals) >= 2)
            _bothArrived.TrySetResult();
        await Task.WhenAny(_bothArrived.Task, Task.Delay(TimeSpan.FromSeconds(1)));
    }
}
