using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;
using Payments.Persistence.Scheduling;

namespace Payments.Integration.Tests.Scheduling;

public record IntentCreated(Guid IntentId, DateTime ExpiresAt);

public record IntentPaid(Guid IntentId);

public record IntentExpired(Guid IntentId);

public class UnpaidIntentState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = null!;
    public DateTime ExpiresAt { get; set; }
    public Guid? ExpiryTokenId { get; set; }
}

/// <summary>An unpaid PaymentIntent expires at its time unless its payment arrives first.</summary>
public class UnpaidIntentStateMachine : MassTransitStateMachine<UnpaidIntentState>
{
    public UnpaidIntentStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Created, x => x.CorrelateById(m => m.Message.IntentId));
        Event(() => Paid, x => x.CorrelateById(m => m.Message.IntentId));
        Schedule(() => Expiry, x => x.ExpiryTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.IntentId));

        Initially(
            When(Created)
                .Then(x => x.Saga.ExpiresAt = x.Message.ExpiresAt)
                .Schedule(Expiry, x => new IntentExpired(x.Saga.CorrelationId), x => x.Saga.ExpiresAt)
                .TransitionTo(AwaitingPayment));

        During(AwaitingPayment,
            When(Paid)
                .Unschedule(Expiry)
                .TransitionTo(Settled),
            When(Expiry!.Received)
                .TransitionTo(Expired));
    }

    public State AwaitingPayment { get; private set; } = null!;
    public State Settled { get; private set; } = null!;
    public State Expired { get; private set; } = null!;

    public Event<IntentCreated> Created { get; private set; } = null!;
    public Event<IntentPaid> Paid { get; private set; } = null!;
    public Schedule<UnpaidIntentState, IntentExpired> Expiry { get; private set; } = null!;
}

public class UnpaidIntentStateDefinition : SagaDefinition<UnpaidIntentState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<UnpaidIntentState> sagaConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UsePaymentsOutbox<SchedulerDbContext>(context);
}

/// <summary>The service's database: saga, inbox/outbox and the scheduler's table, as in the sagas service.</summary>
public class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.AddScheduledMessageEntity();
        modelBuilder.AddSagaClassMap(new UnpaidIntentStateMap());
    }
}

public class UnpaidIntentStateMap : SagaClassMap<UnpaidIntentState>
{
    protected override void Configure(EntityTypeBuilder<UnpaidIntentState> entity, ModelBuilder model) =>
        entity.Property(x => x.CurrentState).HasMaxLength(64);
}
