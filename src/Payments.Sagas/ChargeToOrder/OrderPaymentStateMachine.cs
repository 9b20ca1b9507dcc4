using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Sagas.Flows;

namespace Payments.Sagas.ChargeToOrder;

/// <summary>
/// Order-to-cash for a Stripe charge: complete its lines and customer from Stripe when the charge lacks them, post the sales order
/// in P21, then write the P21 order number back onto the charge. A charge that pays a Stripe Billing invoice (found while collecting its
/// details) is no shop's sale: it rests in <see cref="PaysBillingInvoice"/> with no order posted (issue 14 item 8).
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
                .TransitionTo(PostingOrder),
            // The charge's PaymentIntent pays a Billing invoice: the stripe-subscription flow books the invoice, so no order here. An
            // expected path (the gateway cannot tell such charges apart in API versions since basil), logged at information level.
            When(PaysInvoice)
                .StepSucceeded()
                .Then(context =>
                {
                    var m = context.Message;
                    if (m.SubscriptionId is { } subscriptionId)
                        Logger.LogInformation("{Flow} {Subject} ({CorrelationId}): charge {ChargeId} pays invoice {InvoiceId} of subscription {SubscriptionId}; " +
                                              "no order posted, the stripe-subscription flow books the invoice",
                            Flow, context.Saga.Subject, context.Saga.CorrelationId, m.ChargeId, m.InvoiceId, subscriptionId);
                    else
                        // No flow of ours books a one-off invoice (the subscription flow takes only subscriptions' invoices): a person must.
                        Logger.LogWarning("{Flow} {Subject} ({CorrelationId}): charge {ChargeId} pays one-off Stripe invoice {InvoiceId}, which belongs to no " +
                                          "subscription; no order posted and no flow books it: book it in P21 by hand",
                            Flow, context.Saga.Subject, context.Saga.CorrelationId, m.ChargeId, m.InvoiceId);
                })
                .PublishFlowCompleted(context => InvoiceDocuments(context.Message))
                .TransitionTo(PaysBillingInvoice));
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

    static Dictionary<string, string> InvoiceDocuments(ChargePaysBillingInvoice m)
    {
        var documents = new Dictionary<string, string>
        {
            [FlowDocumentKeys.StripeCharge] = m.ChargeId,
            [FlowDocumentKeys.StripeInvoice] = m.InvoiceId,
        };
        if (m.SubscriptionId is { } subscriptionId) documents[FlowDocumentKeys.StripeSubscription] = subscriptionId;
        return documents;
    }

    public State CollectingOrderDetails { get; private set; } = null!;
    public State PostingOrder { get; private set; } = null!;
    public State RecordingReference { get; private set; } = null!;
    /// <summary>
    /// Done without an order: the charge pays a Stripe Billing invoice, which the <c>stripe-subscription</c> flow books. Not <c>Final</c>, so
    /// the row says why no order exists; nothing leaves it.
    /// </summary>
    public State PaysBillingInvoice { get; private set; } = null!;

    public Event<StripeChargeSucceeded> ChargeSucceeded { get; private set; } = null!;
    public Event<ChargeOrderDetailsCollected> OrderDetailsCollected { get; private set; } = null!;
    public Event<ChargePaysBillingInvoice> PaysInvoice { get; private set; } = null!;
    public Event<P21OrderPosted> OrderPosted { get; private set; } = null!;
    public Event<StripeChargeOrderReferenceRecorded> OrderReferenceRecorded { get; private set; } = null!;
    public Event<P21OrderDiscrepancyFound> OrderDiscrepancyFound { get; private set; } = null!;
    public Event<Fault<CollectChargeOrderDetails>> OrderDetailsFaulted { get; private set; } = null!;
    public Event<Fault<PostP21Order>> OrderPostingFaulted { get; private set; } = null!;
    public Event<Fault<RecordP21OrderOnCharge>> OrderReferenceFaulted { get; private set; } = null!;
}
