using MassTransit;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Tests.Scheduling.Model;

/// <summary>Waits for an invoice's payment until its due time: <c>Schedule</c> on issue, <c>Unschedule</c> when paid.</summary>
public class InvoiceStateMachine : MassTransitStateMachine<InvoiceState>
{
    public InvoiceStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Issued, x => x.CorrelateById(m => m.Message.InvoiceId));
        Event(() => Paid, x => x.CorrelateById(m => m.Message.InvoiceId));
        Schedule(() => PaymentOverdue, x => x.PaymentOverdueTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.InvoiceId));

        Initially(
            When(Issued)
                .Then(x => x.Saga.PaymentDueTime = x.Message.PaymentDueTime)
                .Schedule(PaymentOverdue, x => new InvoicePaymentOverdue(x.Saga.CorrelationId), x => x.Saga.PaymentDueTime)
                .TransitionTo(AwaitingPayment));

        During(AwaitingPayment,
            When(Paid)
                .Unschedule(PaymentOverdue)
                .TransitionTo(Settled),
            When(PaymentOverdue!.Received)
                .TransitionTo(Overdue));
    }

    public State AwaitingPayment { get; private set; } = null!;
    public State Settled { get; private set; } = null!;
    public State Overdue { get; private set; } = null!;

    public Event<InvoiceIssued> Issued { get; private set; } = null!;
    public Event<InvoicePaid> Paid { get; private set; } = null!;
    public Schedule<InvoiceState, InvoicePaymentOverdue> PaymentOverdue { get; private set; } = null!;
}

/// <summary>As the sagas service runs its sagas: the state, the inbox row and the ScheduleMessage commit together.</summary>
public class InvoiceStateDefinition : SagaDefinition<InvoiceState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<InvoiceState> sagaConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UsePaymentsOutbox<SchedulingTestDbContext>(context);
}
