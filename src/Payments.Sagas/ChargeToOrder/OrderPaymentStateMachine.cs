using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Sagas.Flows;

namespace Payments.Sagas.ChargeToOrder;

/// <summary>
/// Order-to-cash for a Stripe charge: complete its lines and customer from Stripe when the charge lacks them, post the sales order
/// in P21, then write the P21 order number back onto the charge.
/// Correlated on the Stripe payment (<see cref="CorrelationKey.StripePayment"/>: payment intent, else charge).
/// </summary>
public class OrderPaymentStateMachine : FlowStateMachine<OrderPaymentState>
{
    public OrderPaymentStateMachine(TimeProvider clock, ILogger<OrderPaymentStateMachine> logger)
        : base(FlowNames.ChargeToOrder, clock, logger)
    {
        Initially(
            When(ChargeSucceeded)
                .StartFlow(m => CorrelationKey.StripePayment(m.Payment.PaymentIntentId, m.Payment.ChargeId))
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
                })
                .IfElse(context => ChargeOrderDetails.AreComplete(context.Message.Payment),
                    complete => complete
                        .Publish(context => new PostP21Order { CorrelationId = context.Saga.CorrelationId, Payment = context.Message.Payment })
                        .TransitionTo(PostingOrder),
                    incomplete => incomplete
                        .Publish(context => new CollectChargeOrderDetails { CorrelationId = context.Saga.CorrelationId, Payment = context.Message.Payment })
                        .TransitionTo(CollectingOrderDetails)));

        // The lines and the customer from where the shop keeps them (a Checkout Session, the Stripe Customer); no lines anywhere
        // faults the command with the reason, which stops the flow in Failed before anything is posted.
        DuringStep(CollectingOrderDetails,
            When(OrderDetailsCollected)
                .StepSucceeded()
                .Then(context => context.Saga.CustomerEmail = context.Message.Payment.CustomerEmail)
                .Publish(context => new PostP21Order { CorrelationId = context.Saga.CorrelationId, Payment = context.Message.Payment })
                .TransitionTo(PostingOrder));
        FailOn(OrderDetailsFaulted, CollectingOrderDetails);

        DuringStep(PostingOrder,
            When(OrderPosted)
                .StepSucceeded()
                .Then(context =>
                {
                    context.Saga.P21OrderNo = context.Message.OrderNo;
                    context.Saga.P21CustomerId = context.Message.CustomerId;
                })
                .Publish(context => new RecordP21OrderOnCharge
                {
                    CorrelationId = context.Saga.CorrelationId,
                    ChargeId = context.Saga.ChargeId,
                    OrderNo = context.Message.OrderNo,
                    CustomerId = context.Message.CustomerId,
                })
                .TransitionTo(RecordingReference));
        FailOn(OrderPostingFaulted, PostingOrder);
        // P21 passed the order but kept something else (a line, a price, the reference): the order exists; a person settles it.
        NeedAttentionOn(OrderDiscrepancyFound, PostingOrder,
            m => $"P21 order {m.OrderNo} differs from charge {m.ChargeId}: {string.Join("; ", m.Differences)}",
            context =>
            {
                context.Saga.P21OrderNo = context.Message.OrderNo;
                context.Saga.P21CustomerId = context.Message.CustomerId;
            });

        DuringStep(RecordingReference,
            When(OrderReferenceRecorded)
                .StepSucceeded()
                .CompleteFlow(context => new Dictionary<string, string>
                {
                    [FlowDocumentKeys.StripeCharge] = context.Saga.ChargeId,
                    [FlowDocumentKeys.P21SalesOrder] = context.Saga.P21OrderNo!,
                    [FlowDocumentKeys.P21Customer] = context.Saga.P21CustomerId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }));
        FailOn(OrderReferenceFaulted, RecordingReference);

        // Stripe redelivers and sometimes sends a second event for one charge: acknowledge, never post twice.
        AcknowledgeDuplicates(ChargeSucceeded, m => $"charge {m.Payment.ChargeId} (event {m.StripeEventId})");
    }

    public State CollectingOrderDetails { get; private set; } = null!;
    public State PostingOrder { get; private set; } = null!;
    public State RecordingReference { get; private set; } = null!;

    public Event<StripeChargeSucceeded> ChargeSucceeded { get; private set; } = null!;
    public Event<ChargeOrderDetailsCollected> OrderDetailsCollected { get; private set; } = null!;
    public Event<P21OrderPosted> OrderPosted { get; private set; } = null!;
    public Event<StripeChargeOrderReferenceRecorded> OrderReferenceRecorded { get; private set; } = null!;
    public Event<P21OrderDiscrepancyFound> OrderDiscrepancyFound { get; private set; } = null!;
    public Event<Fault<CollectChargeOrderDetails>> OrderDetailsFaulted { get; private set; } = null!;
    public Event<Fault<PostP21Order>> OrderPostingFaulted { get; private set; } = null!;
    public Event<Fault<RecordP21OrderOnCharge>> OrderReferenceFaulted { get; private set; } = null!;
}
