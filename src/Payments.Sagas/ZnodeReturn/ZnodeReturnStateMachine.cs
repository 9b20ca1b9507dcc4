using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;
using Payments.Domain.Money;
using Payments.Domain.Refunds;
using Payments.Sagas.Flows;
using DomainRefund = Payments.Domain.Refunds.StripeRefund;

namespace Payments.Sagas.ZnodeReturn;

/// <summary>
/// Znode return: an RMA approved in Znode is refunded in Stripe for the approved amount (<c>RefundZnodeReturn</c>; the Stripe service's
/// idempotency key comes from the return number, and the return number goes into the refund's metadata). The refund itself is booked by
/// the stripe-refund flow like every refund, which announces it with <c>ZnodeReturnRefundBooked</c> — possibly before this flow hears
/// <c>ZnodeReturnRefunded</c>. With both, the return is moved to <c>REFUND PROCESSED</c> (<c>CompleteZnodeReturn</c>). A refund Stripe refuses
/// (more than the charge has left) stops the flow in <c>Failed</c> with Stripe's reason, the RMA untouched. A refund that fails after it was
/// booked is reversed by the stripe-refund flow (<c>ZnodeReturnRefundReversed</c>): the return stops in <c>NeedsAttention</c> with the reason.
/// Correlated on the return (<see cref="CorrelationKey.ZnodeReturn"/>).
/// </summary>
public class ZnodeReturnStateMachine : FlowStateMachine<ZnodeReturnState>
{
    public ZnodeReturnStateMachine(TimeProvider clock, ILogger<ZnodeReturnStateMachine> logger)
        : base(FlowNames.ZnodeReturn, clock, logger)
    {
        Initially(
            When(Approved, context => TryAmount(context.Message, out _, out _, out _))
                .StartFlow(m => CorrelationKey.ZnodeReturn(m.ReturnNumber))
                .Then(context =>
                {
                    Take(context.Saga, context.Message);
                    TryAmount(context.Message, out var minor, out var currency, out _);
                    context.Saga.AmountMinor = minor;
                    context.Saga.Currency = currency;
                })
                .Publish(context => new RefundZnodeReturn
                {
                    CorrelationId = context.Saga.CorrelationId,
                    ReturnNumber = context.Saga.ReturnNumber,
                    OrderNumber = context.Saga.OrderNumber,
                    ChargeId = context.Saga.ChargeId,
                    AmountMinor = context.Saga.AmountMinor!.Value,
                    Currency = context.Saga.Currency!,
                })
                .TransitionTo(RefundingInStripe),
            // An amount Stripe cannot take (no positive amount, more decimals than the currency has, an unknown currency): nothing is
            // refunded, and there is no command to redrive; a person corrects the return in Znode.
            When(Approved, context => !TryAmount(context.Message, out _, out _, out _))
                .StartFlow(m => CorrelationKey.ZnodeReturn(m.ReturnNumber))
                .Then(context =>
                {
                    Take(context.Saga, context.Message);
                    TryAmount(context.Message, out _, out _, out var problem);
                    var saga = context.Saga;
                    saga.FailedStep = nameof(ZnodeReturnApproved);
                    saga.FailureReason = $"Znode return {saga.ReturnNumber} of order {saga.OrderNumber} was not refunded: {problem}";
                    saga.FailedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogWarning("{Flow} {Subject} ({CorrelationId}) needs attention: {Reason}", Flow, saga.Subject, saga.CorrelationId, saga.FailureReason);
                })
                .PublishFlowFailed()
                .TransitionTo(NeedsAttention));

        DuringStep(RefundingInStripe,
            When(Refunded, context => Awaits(context.Saga, RefundingInStripe, nameof(RefundZnodeReturn)) && context.Saga.RefundedAt is null)
                .StepSucceeded()
                .Then(context =>
                {
                    var refund = context.Message;
                    context.Saga.RefundId = refund.RefundId;
                    context.Saga.ChargeId = refund.ChargeId;
                    context.Saga.RefundStatus = refund.Status;
                })
                .IfElse(context => !DomainRefund.ParseStatus(context.Message.Status).MovesMoney(),
                    // Stripe took the request but the refund failed at once: the stripe-refund flow books nothing, so nothing will complete it.
                    failed => failed
                        .Then(context =>
                        {
                            var saga = context.Saga;
                            saga.FailedStep = nameof(RefundZnodeReturn);
                            saga.FailureReason = $"Stripe refund {saga.RefundId} of Znode return {saga.ReturnNumber} is {saga.RefundStatus}";
                            saga.FailedAt = Clock.GetUtcNow().UtcDateTime;
                            // A business outcome (Stripe's answer), not a fault of ours: the saga keeps the reason, FlowFailed alerts a person.
                            Logger.LogWarning("{Flow} {Subject} ({CorrelationId}) failed at {Step}: {Reason}", Flow, saga.Subject, saga.CorrelationId,
                                saga.FailedStep, saga.FailureReason);
                        })
                        .PublishFlowFailed()
                        .TransitionTo(Failed),
                    // RefundedAt only for a refund that moves money: a redriven answer after a failed refund is taken, not acknowledged.
                    refunded => refunded
                        .Then(context => context.Saga.RefundedAt = Clock.GetUtcNow().UtcDateTime)
                        .IfElse(context => context.Saga.P21DocumentNumber is not null,
                            booked => booked
                                .Publish(context => CompleteReturn(context.Saga))
                                .TransitionTo(CompletingReturn),
                            awaiting => awaiting.TransitionTo(AwaitingRefundBooking))),
            // The stripe-refund flow may book the refund before Stripe's answer reaches this flow; or after RefundZnodeReturn faulted although
            // Stripe made the refund (Failed): the booking is kept, so the redriven answer completes the return.
            When(Booked, context => context.Saga.P21DocumentNumber is null)
                .Then(context => TakeBooking(context.Saga, context.Message)));
        // Stripe refused (e.g. more than the charge has left): the reason is Stripe's, the RMA stays as it is.
        FailOn(RefundFaulted, RefundingInStripe);

        During(AwaitingRefundBooking,
            When(Booked, context => context.Saga.P21DocumentNumber is null)
                .Then(context => TakeBooking(context.Saga, context.Message))
                .Publish(context => CompleteReturn(context.Saga))
                .TransitionTo(CompletingReturn));

        DuringStep(CompletingReturn,
            When(Completed, context => Awaits(context.Saga, CompletingReturn, nameof(CompleteZnodeReturn)))
                .StepSucceeded()
                .Then(context =>
                {
                    context.Saga.CompletedReturnState = context.Message.ReturnState;
                    context.Saga.CompletedAt = Clock.GetUtcNow().UtcDateTime;
                })
                .CompleteFlow(context => Documents(context.Saga)));
        FailOn(CompleteFaulted, CompletingReturn);

        // Redeliveries of the steps' answers once they are taken: acknowledged, nothing done twice.
        During([RefundingInStripe, AwaitingRefundBooking, CompletingReturn, Failed, Final],
            When(Refunded, context => context.Saga.RefundedAt is not null)
                .Then(context => Acknowledge(context.Saga, $"refund {context.Message.RefundId}")),
            When(Booked, context => context.Saga.P21DocumentNumber is not null)
                .Then(context => Acknowledge(context.Saga, $"the booking of refund {context.Message.RefundId} ({context.Message.P21DocumentKind} {context.Message.P21DocumentNumber})")));

        // The refund failed after it was booked and the stripe-refund flow reversed it: no money went back, yet the return may show REFUND
        // PROCESSED (or be about to). Nothing here can undo a Znode RMA state, so a person is told, as NeedAttentionOn does.
        During([AwaitingRefundBooking, CompletingReturn, Final],
            When(RefundReversed)
                .Then(context =>
                {
                    var saga = context.Saga;
                    var reversed = context.Message;
                    var returnNow = saga.CurrentState == Final.Name
                        ? $"the return is {saga.CompletedReturnState ?? "completed"} in Znode and must be set back there"
                        : saga.CurrentState == CompletingReturn.Name
                            ? "the return was being marked refunded in Znode (CompleteZnodeReturn) and must be checked there"
                            : "the return was not marked refunded in Znode";
                    saga.RefundStatus = reversed.RefundStatus;
                    saga.FailedStep = nameof(ZnodeReturnRefundReversed);
                    saga.FailureReason = $"{reversed.Reason}; its P21 {reversed.P21DocumentKind} {reversed.P21DocumentNumber} was reversed"
                        + (reversed.P21ReversalNumber is { } reversal && reversal != reversed.P21DocumentNumber ? $" by {reversal}" : "")
                        + $", so Znode return {saga.ReturnNumber} of order {saga.OrderNumber} is not refunded; {returnNow}";
                    saga.FailedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogWarning("{Flow} {Subject} ({CorrelationId}) needs attention: {Reason}", Flow, saga.Subject, saga.CorrelationId, saga.FailureReason);
                })
                .PublishFlowFailed()
                .TransitionTo(NeedsAttention));
        During(NeedsAttention,
            When(RefundReversed, context => context.Saga.FailedStep == nameof(ZnodeReturnRefundReversed))
                .Then(context => Acknowledge(context.Saga, $"the reversal of refund {context.Message.RefundId}")));

        // Znode's poller (after a restart) or a push may deliver the approval again: acknowledged, never a second refund.
        AcknowledgeDuplicates(Approved, m => $"return {m.ReturnNumber} ({m.ReturnState}, from the {m.Source})");
    }

    public State RefundingInStripe { get; private set; } = null!;
    /// <summary>Stripe refunded; the stripe-refund flow has not booked it yet.</summary>
    public State AwaitingRefundBooking { get; private set; } = null!;
    public State CompletingReturn { get; private set; } = null!;

    public Event<ZnodeReturnApproved> Approved { get; private set; } = null!;
    public Event<ZnodeReturnRefunded> Refunded { get; private set; } = null!;
    public Event<ZnodeReturnRefundBooked> Booked { get; private set; } = null!;
    public Event<ZnodeReturnCompleted> Completed { get; private set; } = null!;
    /// <summary>From the stripe-refund flow: the return's refund failed after it was booked, and the booking was reversed.</summary>
    public Event<ZnodeReturnRefundReversed> RefundReversed { get; private set; } = null!;

    public Event<Fault<RefundZnodeReturn>> RefundFaulted { get; private set; } = null!;
    public Event<Fault<CompleteZnodeReturn>> CompleteFaulted { get; private set; } = null!;

    /// <summary>A step's reply is taken in the step's state, and in Failed only when that step is the one that failed (a redrive).</summary>
    bool Awaits(ZnodeReturnState saga, State step, string command) =>
        saga.CurrentState == step.Name || (saga.CurrentState == Failed.Name && saga.FailedStep == command);

    void Acknowledge(ZnodeReturnState saga, string what) =>
        Logger.LogInformation("{Flow} {Subject} ({CorrelationId}) in state {State} already knows {What}; nothing done again",
            Flow, saga.Subject, saga.CorrelationId, saga.CurrentState, what);

    static void Take(ZnodeReturnState saga, ZnodeReturnApproved approved)
    {
        saga.ReturnNumber = approved.ReturnNumber;
        saga.OrderNumber = approved.OrderNumber;
        saga.OmsOrderId = approved.OmsOrderId;
        saga.ApprovedAmount = approved.ApprovedAmount;
        saga.CurrencyCode = approved.CurrencyCode;
        saga.ApprovedReturnState = approved.ReturnState;
        saga.ChargeId = string.IsNullOrWhiteSpace(approved.ChargeId) ? null : approved.ChargeId.Trim();
        saga.ShopperEmail = approved.ShopperEmail;
        saga.ApprovedAt = approved.ApprovedAt.UtcDateTime;
    }

    void TakeBooking(ZnodeReturnState saga, ZnodeReturnRefundBooked booked)
    {
        if (saga.RefundId is not null && saga.RefundId != booked.RefundId)
            Logger.LogWarning("Znode return {ReturnNumber}: booked refund {Booked} is not the flow's refund {RefundId}", saga.ReturnNumber, booked.RefundId, saga.RefundId);
        saga.RefundId ??= booked.RefundId;
        saga.P21DocumentKind = booked.P21DocumentKind;
        saga.P21DocumentNumber = booked.P21DocumentNumber;
        saga.BookedAt = Clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Znode's approved amount (major units) in Stripe's minor units for the currency's exponent (JPY 0, KWD 3 decimals).</summary>
    static bool TryAmount(ZnodeReturnApproved approved, out long minor, out string currency, out string problem)
    {
        minor = 0;
        if (!StripeCurrencies.TryNormalize(approved.CurrencyCode, out currency, out problem)) return false;
        if (approved.ApprovedAmount <= 0)
        {
            problem = $"the approved amount {approved.ApprovedAmount.ToString(CultureInfo.InvariantCulture)} {currency} is not positive";
            return false;
        }
        try
        {
            // Znode keeps six decimals; trailing zeros (12.340000) are not precision.
            minor = MinorUnits.FromDecimal(approved.ApprovedAmount, currency);
            return true;
        }
        catch (ArgumentException e)
        {
            problem = e.Message.Split(" (Parameter", 2)[0];
            return false;
        }
    }

    static CompleteZnodeReturn CompleteReturn(ZnodeReturnState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        ReturnNumber = saga.ReturnNumber,
        OrderNumber = saga.OrderNumber,
        RefundId = saga.RefundId!,
        AmountMinor = saga.AmountMinor!.Value,
        Currency = saga.Currency!,
        P21DocumentNumber = saga.P21DocumentNumber,
    };

    static Dictionary<string, string> Documents(ZnodeReturnState saga)
    {
        var documents = new Dictionary<string, string>
        {
            [FlowDocumentKeys.ZnodeReturn] = saga.ReturnNumber,
            [FlowDocumentKeys.ZnodeOrder] = saga.OrderNumber,
            [FlowDocumentKeys.StripeRefund] = saga.RefundId!,
        };
        if (saga.ChargeId is not null) documents[FlowDocumentKeys.StripeCharge] = saga.ChargeId;
        if (saga.P21DocumentNumber is not null)
            documents[saga.P21DocumentKind == "journal" ? FlowDocumentKeys.P21Journal : FlowDocumentKeys.P21Rma] = saga.P21DocumentNumber;
        return documents;
    }
}
