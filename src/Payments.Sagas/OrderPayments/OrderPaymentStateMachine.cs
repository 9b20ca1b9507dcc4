using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Commands;
using Payments.Contracts.Events;

namespace Payments.Sagas.OrderPayments;

/// <summary>
/// Order-to-cash for a Stripe charge: post the sales order in P21, then write the P21 order number back onto the charge.
/// Correlated on the Stripe payment (payment intent, else charge) through <see cref="Payments.Contracts.PaymentCorrelation"/>.
/// </summary>
public class OrderPaymentStateMachine : MassTransitStateMachine<OrderPaymentState>
{
    public OrderPaymentStateMachine(ILogger<OrderPaymentStateMachine> logger)
    {
        InstanceState(x => x.CurrentState);

        Event(() => ChargeSucceeded, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => OrderPosted, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => OrderReferenceRecorded, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => OrderPostingFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => OrderReferenceFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));

        Initially(
            When(ChargeSucceeded)
                .Then(context =>
                {
                    var payment = context.Message.Payment;
                    var saga = context.Saga;
                    saga.ChargeId = payment.ChargeId;
                    saga.PaymentIntentId = payment.PaymentIntentId;
                    saga.StripeEventId = context.Message.StripeEventId;
                    saga.AmountMinor = payment.AmountMinor;
                    saga.Currency = payment.Currency;
                    saga.CustomerEmail = payment.CustomerEmail;
                    saga.CreatedAt = saga.UpdatedAt = DateTime.UtcNow;
                })
                .Publish(context => new PostP21Order { CorrelationId = context.Saga.CorrelationId, Payment = context.Message.Payment })
                .TransitionTo(PostingOrder));

        During(PostingOrder, Failed,
            // A redriven PostP21Order that succeeds after a failure resumes the payment where it stopped.
            When(OrderPosted)
                .Then(context =>
                {
                    context.Saga.P21OrderNo = context.Message.OrderNo;
                    context.Saga.P21CustomerId = context.Message.CustomerId;
                    context.Saga.FailedStep = context.Saga.FailureReason = null;
                    context.Saga.UpdatedAt = DateTime.UtcNow;
                })
                .Publish(context => new RecordP21OrderOnCharge
                {
                    CorrelationId = context.Saga.CorrelationId,
                    ChargeId = context.Saga.ChargeId,
                    OrderNo = context.Message.OrderNo,
                    CustomerId = context.Message.CustomerId,
                })
                .TransitionTo(RecordingReference));

        During(PostingOrder,
            When(OrderPostingFaulted)
                .Then(context => MarkFailed(context.Saga, nameof(PostP21Order), context.Message, logger))
                .Publish(context => FailedEvent(context.Saga))
                .TransitionTo(Failed));

        During(RecordingReference, Failed,
            When(OrderReferenceRecorded)
                .Then(context =>
                {
                    context.Saga.FailedStep = context.Saga.FailureReason = null;
                    context.Saga.UpdatedAt = DateTime.UtcNow;
                })
                .Publish(context => new OrderPaymentCompleted
                {
                    CorrelationId = context.Saga.CorrelationId,
                    ChargeId = context.Saga.ChargeId,
                    OrderNo = context.Saga.P21OrderNo!,
                    CustomerId = context.Saga.P21CustomerId!.Value,
                })
                .Finalize());

        During(RecordingReference,
            When(OrderReferenceFaulted)
                .Then(context => MarkFailed(context.Saga, nameof(RecordP21OrderOnCharge), context.Message, logger))
                .Publish(context => FailedEvent(context.Saga))
                .TransitionTo(Failed));

        // Stripe redelivers and sometimes sends a second event for one charge: acknowledge, never post twice.
        // DuringAny covers every state but Initial and Final, so Final is named too: finished payments stay on record.
        DuringAny(AcknowledgeDuplicate(logger));
        During(Final, AcknowledgeDuplicate(logger));

        // Anything else that arrives out of turn is logged and ignored on purpose, never dropped silently.
        OnUnhandledEvent(context =>
        {
            logger.LogWarning("Payment {CorrelationId} in state {State} ignored event {Event}, which that state does not expect",
                context.Saga.CorrelationId, context.Saga.CurrentState, context.Event.Name);
            return context.Ignore();
        });
    }

    public State PostingOrder { get; private set; } = null!;
    public State RecordingReference { get; private set; } = null!;
    /// <summary>Stopped on a failure a person must look at; the faulted message can be redriven from its <c>_error</c> queue.</summary>
    public State Failed { get; private set; } = null!;

    public Event<StripeChargeSucceeded> ChargeSucceeded { get; private set; } = null!;
    public Event<P21OrderPosted> OrderPosted { get; private set; } = null!;
    public Event<StripeChargeOrderReferenceRecorded> OrderReferenceRecorded { get; private set; } = null!;
    public Event<Fault<PostP21Order>> OrderPostingFaulted { get; private set; } = null!;
    public Event<Fault<RecordP21OrderOnCharge>> OrderReferenceFaulted { get; private set; } = null!;

    EventActivityBinder<OrderPaymentState, StripeChargeSucceeded> AcknowledgeDuplicate(ILogger logger) =>
        When(ChargeSucceeded)
            .Then(context => logger.LogInformation(
                "Charge {ChargeId} (event {EventId}) is already known to payment {CorrelationId} in state {State}; not posted again",
                context.Message.Payment.ChargeId, context.Message.StripeEventId, context.Saga.CorrelationId, context.Saga.CurrentState));

    static void MarkFailed<T>(OrderPaymentState saga, string step, Fault<T> fault, ILogger logger)
    {
        saga.FailedStep = step;
        saga.FailureReason = FaultReason.Describe(fault);
        saga.UpdatedAt = DateTime.UtcNow;
        logger.LogError("Payment {CorrelationId} (charge {ChargeId}) failed at {Step}: {Reason}",
            saga.CorrelationId, saga.ChargeId, step, saga.FailureReason);
    }

    static OrderPaymentFailed FailedEvent(OrderPaymentState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        ChargeId = saga.ChargeId,
        Step = saga.FailedStep!,
        Reason = saga.FailureReason!,
    };
}
