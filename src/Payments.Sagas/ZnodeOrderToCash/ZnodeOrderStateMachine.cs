using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Znode;
using Payments.Sagas.Flows;

namespace Payments.Sagas.ZnodeOrderToCash;

/// <summary>
/// Znode order-to-cash: a placed Znode order gets a Stripe PaymentIntent (the Stripe service finds or creates the shopper's customer
/// and refuses bad order data before any Stripe call), the payment is offered to the shopper, and once Stripe reports it paid Znode
/// records the capture and P21's ledger the journal entry. Declines are recorded in Znode and the order keeps waiting: a later
/// success on the same PaymentIntent completes it normally. An order still unpaid after <see cref="ZnodeOrderToCashOptions.RemindAfter"/>
/// gets a reminder, then is cancelled or kept as configured (durable scheduler, docs/scheduler.md).
/// Correlated on the Znode order (<see cref="CorrelationKey.ZnodeOrder"/>).
/// </summary>
public class ZnodeOrderStateMachine : FlowStateMachine<ZnodeOrderState>
{
    public ZnodeOrderStateMachine(TimeProvider clock, IOptions<ZnodeOrderToCashOptions> options, ILogger<ZnodeOrderStateMachine> logger)
        : base(FlowNames.ZnodeOrderToCash, clock, logger)
    {
        // A payment for an order this flow never saw goes to the _error queue for a person (redriven once the order is placed).
        Event(() => PaymentSucceeded, e => e.OnMissingInstance(m => m.Fault()));
        Event(() => PaymentFailed, e => e.OnMissingInstance(m => m.Fault()));
        Schedule(() => PaymentOverdue, x => x.PaymentOverdueTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(OrderPlaced)
                .StartFlow(m => CorrelationKey.ZnodeOrder(m.OrderNumber))
                .Then(context =>
                {
                    var order = context.Message;
                    var saga = context.Saga;
                    saga.OrderNumber = order.OrderNumber;
                    saga.OmsOrderId = order.OmsOrderId;
                    saga.ShopperEmail = order.Shopper.Email;
                    saga.OrderCurrency = order.CurrencyCode;
                    saga.OrderTotal = order.Total;
                    saga.PlacedAt = order.PlacedAt.UtcDateTime;
                })
                // Checked by the Stripe service before any Stripe call: bad data comes back as its fault, with the reason.
                .Publish(context => new CreateZnodeOrderPaymentIntent
                {
                    CorrelationId = context.Saga.CorrelationId,
                    OrderNumber = context.Message.OrderNumber,
                    OmsOrderId = context.Message.OmsOrderId,
                    Shopper = context.Message.Shopper,
                    CurrencyCode = context.Message.CurrencyCode,
                    Total = context.Message.Total,
                    BillingAddress = context.Message.BillingAddress,
                    ShippingAddress = context.Message.ShippingAddress,
                })
                .TransitionTo(CreatingPaymentIntent));

        DuringStep(CreatingPaymentIntent,
            When(PaymentIntentCreated)
                .StepSucceeded()
                .Then(context =>
                {
                    var intent = context.Message;
                    context.Saga.PaymentIntentId = intent.PaymentIntentId;
                    context.Saga.StripeCustomerId = intent.StripeCustomerId;
                    context.Saga.AmountMinor = intent.AmountMinor;
                    context.Saga.Currency = intent.Currency;
                })
                .Publish(context => new OfferZnodeOrderPayment
                {
                    CorrelationId = context.Saga.CorrelationId,
                    OrderNumber = context.Saga.OrderNumber,
                    OmsOrderId = context.Saga.OmsOrderId,
                    PaymentIntentId = context.Message.PaymentIntentId,
                    ClientSecret = context.Message.ClientSecret,
                    ShopperEmail = context.Saga.ShopperEmail,
                    AmountMinor = context.Message.AmountMinor,
                    Currency = context.Message.Currency,
                })
                .Schedule(PaymentOverdue, context => Overdue(context.Saga, notice: 1), _ => options.Value.RemindAfter)
                .TransitionTo(AwaitingPayment));
        // Quarantine: the order had no e-mail, an unknown currency or no positive total (or Stripe refused it). The reason is on the saga.
        FailOn(PaymentIntentFaulted, CreatingPaymentIntent);

        DuringStep(AwaitingPayment,
            When(PaymentOffered)
                .Then(context => context.Saga.PaymentOfferedAt = Clock.GetUtcNow().UtcDateTime),
            When(PaymentFailed, context => context.Saga.PaidAt is null && !SameAttempt(context.Saga, context.Message))
                .Then(context =>
                {
                    var failed = context.Message;
                    var saga = context.Saga;
                    saga.DeclineCount++;
                    saga.LastDeclinedChargeId = failed.ChargeId;
                    saga.LastDeclineCode = failed.DeclineCode;
                    saga.LastDeclineMessage = failed.FailureMessage;
                    saga.LastDeclinedAt = failed.FailedAt.UtcDateTime;
                    saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogInformation("Znode order {OrderNumber}: payment attempt declined ({DeclineCode}: {FailureMessage}); the order keeps waiting for payment",
                        saga.OrderNumber, failed.DeclineCode, failed.FailureMessage);
                })
                .Publish(context => new RecordZnodeOrderDecline
                {
                    CorrelationId = context.Saga.CorrelationId,
                    OrderNumber = context.Saga.OrderNumber,
                    OmsOrderId = context.Saga.OmsOrderId,
                    PaymentIntentId = context.Message.PaymentIntentId,
                    DeclineCode = context.Message.DeclineCode,
                    FailureMessage = context.Message.FailureMessage,
                    ShopperEmail = context.Saga.ShopperEmail,
                }),
            When(DeclineRecorded)
                .Then(context => context.Saga.ZnodePaymentStatus = ZnodePaymentStatuses.Declined),
            When(PaymentReminded)
                .Then(context => context.Saga.RemindedAt = Clock.GetUtcNow().UtcDateTime),
            When(PaymentOverdue.Received, context => context.Message.Notice == 1)
                .Publish(context => new RemindZnodeOrderPayment
                {
                    CorrelationId = context.Saga.CorrelationId,
                    OrderNumber = context.Saga.OrderNumber,
                    OmsOrderId = context.Saga.OmsOrderId,
                    ShopperEmail = context.Saga.ShopperEmail,
                    AmountMinor = context.Saga.AmountMinor ?? 0,
                    Currency = context.Saga.Currency ?? "",
                })
                .Schedule(PaymentOverdue, context => Overdue(context.Saga, notice: 2), _ => options.Value.UnpaidAfterReminder),
            When(PaymentOverdue.Received, context => context.Message.Notice >= 2 && options.Value.UnpaidOrder == UnpaidOrderHandling.Keep)
                .Then(context => Logger.LogInformation("Znode order {OrderNumber} is still unpaid after its reminder; kept open ({Section}:UnpaidOrder = Keep)",
                    context.Saga.OrderNumber, ZnodeOrderToCashOptions.Section)),
            When(PaymentOverdue.Received, context => context.Message.Notice >= 2 && options.Value.UnpaidOrder == UnpaidOrderHandling.Cancel)
                .Then(context => Logger.LogInformation("Znode order {OrderNumber} is still unpaid after its reminder; cancelling it", context.Saga.OrderNumber))
                .Publish(context => new CancelUnpaidZnodeOrder
                {
                    CorrelationId = context.Saga.CorrelationId,
                    OrderNumber = context.Saga.OrderNumber,
                    OmsOrderId = context.Saga.OmsOrderId,
                    PaymentIntentId = context.Saga.PaymentIntentId!,
                })
                .TransitionTo(CancelingOrder));
        FailOn(OfferFaulted, AwaitingPayment);
        FailOn(DeclineFaulted, AwaitingPayment);
        FailOn(ReminderFaulted, AwaitingPayment);

        // The money arrived: in the normal case, after declines, after a failed side step, and even in a race with the cancellation
        // (Stripe took the money, so Znode must show it).
        During([AwaitingPayment, Failed, CreatingPaymentIntent, CancelingOrder, Canceled],
            When(PaymentSucceeded, context => context.Saga.PaidAt is null)
                .StepSucceeded()
                .If(context => context.Saga.CurrentState == CancelingOrder.Name || context.Saga.CurrentState == Canceled.Name,
                    then => then.Then(context => Logger.LogWarning(
                        "Znode order {OrderNumber} was paid (PaymentIntent {PaymentIntentId}) while being cancelled as unpaid; recording the payment",
                        context.Saga.OrderNumber, context.Message.PaymentIntentId)))
                .Then(context =>
                {
                    var paid = context.Message;
                    var saga = context.Saga;
                    if (saga.PaymentIntentId is { } known && known != paid.PaymentIntentId)
                        Logger.LogWarning("Znode order {OrderNumber} was paid through PaymentIntent {Paid}, not the flow's {Known}",
                            saga.OrderNumber, paid.PaymentIntentId, known);
                    saga.PaymentIntentId = paid.PaymentIntentId;
                    saga.ChargeId = paid.ChargeId;
                    saga.PaidStripeEventId = paid.StripeEventId;
                    saga.AmountMinor = paid.AmountMinor;
                    saga.Currency = paid.Currency;
                    saga.PaidAt = paid.PaidAt.UtcDateTime;
                })
                .Unschedule(PaymentOverdue)
                .Publish(context => new RecordZnodeOrderPayment
                {
                    CorrelationId = context.Saga.CorrelationId,
                    OrderNumber = context.Saga.OrderNumber,
                    OmsOrderId = context.Saga.OmsOrderId,
                    PaymentIntentId = context.Message.PaymentIntentId,
                    ChargeId = context.Message.ChargeId,
                    AmountMinor = context.Message.AmountMinor,
                    Currency = context.Message.Currency,
                })
                .TransitionTo(RecordingPayment));

        DuringStep(RecordingPayment,
            When(PaymentRecorded)
                .StepSucceeded()
                .Then(context =>
                {
                    context.Saga.ZnodePaymentStatus = context.Message.PaymentStatus;
                    context.Saga.ZnodeOrderStateName = context.Message.OrderState;
                })
                .Publish(context => new PostZnodeOrderJournal
                {
                    CorrelationId = context.Saga.CorrelationId,
                    OrderNumber = context.Saga.OrderNumber,
                    PaymentIntentId = context.Saga.PaymentIntentId!,
                    ChargeId = context.Saga.ChargeId,
                    AmountMinor = context.Saga.AmountMinor!.Value,
                    Currency = context.Saga.Currency!,
                    PaidAt = new DateTimeOffset(DateTime.SpecifyKind(context.Saga.PaidAt!.Value, DateTimeKind.Utc)),
                })
                .TransitionTo(PostingJournal));
        FailOn(PaymentRecordingFaulted, RecordingPayment);

        DuringStep(PostingJournal,
            When(JournalPosted)
                .StepSucceeded()
                .Then(context => context.Saga.P21JournalReference = context.Message.JournalReference)
                .CompleteFlow(context => Documents(context.Saga)));
        FailOn(JournalFaulted, PostingJournal);

        DuringStep(CancelingOrder,
            When(OrderCanceled)
                .StepSucceeded()
                .Then(context =>
                {
                    context.Saga.ZnodeOrderStateName = context.Message.OrderState;
                    context.Saga.CanceledAt = Clock.GetUtcNow().UtcDateTime;
                })
                .TransitionTo(Canceled));
        FailOn(CancelFaulted, CancelingOrder);

        // Stripe sends payment_intent.succeeded and charge.succeeded for one payment, and redelivers: the second and later are acknowledged.
        During(RecordingPayment, PostingJournal, Final, Failed,
            When(PaymentSucceeded, context => context.Saga.PaidAt is not null)
                .Then(context => Logger.LogInformation("Znode order {OrderNumber} already has its payment (event {StripeEventId}); nothing done again",
                    context.Saga.OrderNumber, context.Message.StripeEventId)));
        // A decline that arrives once the order is paid or cancelled (a late event of an earlier attempt), or the second event of one attempt
        // (payment_intent.payment_failed and charge.failed): acknowledged, not recorded again.
        During(AwaitingPayment, Failed,
            When(PaymentFailed, context => context.Saga.PaidAt is null && SameAttempt(context.Saga, context.Message))
                .Then(context => Logger.LogInformation("Znode order {OrderNumber}: the decline of charge {ChargeId} is already recorded (event {StripeEventId})",
                    context.Saga.OrderNumber, context.Message.ChargeId, context.Message.StripeEventId)));
        During([RecordingPayment, PostingJournal, Final, CancelingOrder, Canceled, Failed],
            When(PaymentFailed, context => context.Saga.PaidAt is not null || context.Saga.CanceledAt is not null
                                             || context.Saga.CurrentState == CancelingOrder.Name || context.Saga.CurrentState == Canceled.Name)
                .Then(context => Logger.LogInformation("Znode order {OrderNumber} in state {State}: a declined attempt (event {StripeEventId}) changes nothing",
                    context.Saga.OrderNumber, context.Saga.CurrentState, context.Message.StripeEventId)));
        // The shopper-facing side steps may report after the payment overtook them.
        During([RecordingPayment, PostingJournal, Final, CancelingOrder, Canceled],
            Ignore(PaymentOffered), Ignore(DeclineRecorded), Ignore(PaymentReminded));

        // Znode's poller or webhook may deliver the order again: acknowledged, never a second PaymentIntent.
        AcknowledgeDuplicates(OrderPlaced, m => $"order {m.OrderNumber} (from the {m.Source})");
    }

    public State CreatingPaymentIntent { get; private set; } = null!;
    /// <summary>The payment is offered; declines are recorded here and the order keeps waiting; reminders and the deadline fire here.</summary>
    public State AwaitingPayment { get; private set; } = null!;
    public State RecordingPayment { get; private set; } = null!;
    public State PostingJournal { get; private set; } = null!;
    public State CancelingOrder { get; private set; } = null!;
    /// <summary>Cancelled as unpaid; kept on record (a payment that raced the cancellation is still recorded).</summary>
    public State Canceled { get; private set; } = null!;

    public Event<ZnodeOrderPlaced> OrderPlaced { get; private set; } = null!;
    public Event<ZnodeOrderPaymentIntentCreated> PaymentIntentCreated { get; private set; } = null!;
    public Event<ZnodeOrderPaymentOffered> PaymentOffered { get; private set; } = null!;
    public Event<ZnodeOrderPaymentFailed> PaymentFailed { get; private set; } = null!;
    public Event<ZnodeOrderDeclineRecorded> DeclineRecorded { get; private set; } = null!;
    public Event<ZnodeOrderPaymentReminded> PaymentReminded { get; private set; } = null!;
    public Event<ZnodeOrderPaymentSucceeded> PaymentSucceeded { get; private set; } = null!;
    public Event<ZnodeOrderPaymentRecorded> PaymentRecorded { get; private set; } = null!;
    public Event<ZnodeOrderJournalPosted> JournalPosted { get; private set; } = null!;
    public Event<UnpaidZnodeOrderCanceled> OrderCanceled { get; private set; } = null!;
    public Schedule<ZnodeOrderState, ZnodeOrderPaymentOverdue> PaymentOverdue { get; private set; } = null!;

    public Event<Fault<CreateZnodeOrderPaymentIntent>> PaymentIntentFaulted { get; private set; } = null!;
    public Event<Fault<OfferZnodeOrderPayment>> OfferFaulted { get; private set; } = null!;
    public Event<Fault<RecordZnodeOrderDecline>> DeclineFaulted { get; private set; } = null!;
    public Event<Fault<RemindZnodeOrderPayment>> ReminderFaulted { get; private set; } = null!;
    public Event<Fault<RecordZnodeOrderPayment>> PaymentRecordingFaulted { get; private set; } = null!;
    public Event<Fault<PostZnodeOrderJournal>> JournalFaulted { get; private set; } = null!;
    public Event<Fault<CancelUnpaidZnodeOrder>> CancelFaulted { get; private set; } = null!;

    static ZnodeOrderPaymentOverdue Overdue(ZnodeOrderState saga, int notice) => new()
    {
        CorrelationId = saga.CorrelationId, OrderNumber = saga.OrderNumber, Notice = notice,
    };

    /// <summary>One failed attempt is reported twice (payment_intent.payment_failed and charge.failed), both naming its charge.</summary>
    static bool SameAttempt(ZnodeOrderState saga, ZnodeOrderPaymentFailed failed) =>
        failed.ChargeId is not null && failed.ChargeId == saga.LastDeclinedChargeId;

    static Dictionary<string, string> Documents(ZnodeOrderState saga)
    {
        var documents = new Dictionary<string, string>
        {
            [FlowDocumentKeys.ZnodeOrder] = saga.OrderNumber,
            [FlowDocumentKeys.StripePaymentIntent] = saga.PaymentIntentId!,
            [FlowDocumentKeys.P21Journal] = saga.P21JournalReference!,
        };
        if (saga.ChargeId is not null) documents[FlowDocumentKeys.StripeCharge] = saga.ChargeId;
        if (saga.StripeCustomerId is not null) documents[FlowDocumentKeys.StripeCustomer] = saga.StripeCustomerId;
        return documents;
    }
}
