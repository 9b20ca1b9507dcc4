using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeReturn;
using Payments.Domain.Refunds;
using Payments.Sagas.Flows;
using DomainRefund = Payments.Domain.Refunds.StripeRefund;

namespace Payments.Sagas.StripeRefund;

/// <summary>
/// Stripe refund: every refund, whoever started it (the dashboard, a Znode return, a proactive fraud refund), books its <b>own</b> amount
/// once, keyed by its id — never the charge's cumulative <c>amount_refunded</c>. A report that moves money reads the charge
/// (<c>DescribeRefundedCharge</c>); while the charge names no ERP document (charge-to-order has not written its P21 order back yet) the charge
/// is read again every <see cref="StripeRefundOptions.RecheckAfter"/> (durable scheduler, docs/scheduler.md), up to
/// <see cref="StripeRefundOptions.MaxRechecks"/>, then the flow needs attention. Then P21's return document (<c>PostP21RefundReturn</c>) and,
/// for a Znode order, Znode's payment status (<c>RecordZnodeRefund</c>). A refund that fails after it was booked — in any state, Final
/// included — reverses exactly what was booked (Znode's status from the charge read again, its other refunds as they stand then; a Znode
/// return's flow told with <c>ZnodeReturnRefundReversed</c>); one that fails before is <c>Canceled</c> with nothing booked. Reports are weighed by
/// <c>ReportedAt</c> (<see cref="RefundReports"/>): an older one changes nothing, a repeat is acknowledged.
/// Correlated on the refund (<see cref="CorrelationKey.StripeRefund"/>).
/// </summary>
public class RefundStateMachine : FlowStateMachine<RefundState>
{
    public RefundStateMachine(TimeProvider clock, IOptions<StripeRefundOptions> options, ILogger<RefundStateMachine> logger)
        : base(FlowNames.StripeRefund, clock, logger)
    {
        Schedule(() => Recheck, x => x.RecheckTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(Reported, context => MovesMoney(context.Message.Status))
                .StartFlow(m => CorrelationKey.StripeRefund(m.RefundId))
                .Then(context => Take(context.Saga, context.Message))
                .Publish(context => Describe(context.Saga))
                .TransitionTo(DescribingCharge),
            // refund.failed is the first event seen (its refund.created is late or lost): nothing was booked, nothing will be.
            When(Reported, context => !MovesMoney(context.Message.Status))
                .StartFlow(m => CorrelationKey.StripeRefund(m.RefundId))
                .Then(context =>
                {
                    Take(context.Saga, context.Message);
                    Cancel(context.Saga);
                })
                .TransitionTo(Canceled));

        // The charge as Stripe has it now: which ERP document its sale is, and its other refunds.
        DuringStep(DescribingCharge,
            When(ChargeDescribed, context => Describes(context.Saga, DescribingCharge)
                                             && !NamesErpDocument(context.Message.Charge) && context.Saga.RecheckCount < options.Value.MaxRechecks)
                .StepSucceeded()
                .Then(context =>
                {
                    TakeFacts(context.Saga, context.Message.Charge);
                    context.Saga.RecheckCount++;
                    Logger.LogInformation("Refund {RefundId}: charge {ChargeId} names no P21 or Znode order yet; reading it again in {RecheckAfter} (recheck {Attempt} of {MaxRechecks})",
                        context.Saga.RefundId, context.Saga.ChargeId, options.Value.RecheckAfter, context.Saga.RecheckCount, options.Value.MaxRechecks);
                })
                .Schedule(Recheck, context => new RecheckRefundedCharge
                {
                    CorrelationId = context.Saga.CorrelationId, RefundId = context.Saga.RefundId, Attempt = context.Saga.RecheckCount,
                }, _ => options.Value.RecheckAfter)
                .TransitionTo(AwaitingOriginalDocument),
            When(ChargeDescribed, context => Describes(context.Saga, DescribingCharge)
                                             && !NamesErpDocument(context.Message.Charge) && context.Saga.RecheckCount >= options.Value.MaxRechecks)
                .Then(context =>
                {
                    TakeFacts(context.Saga, context.Message.Charge);
                    NeedAttention(context.Saga, $"charge {context.Saga.ChargeId} still names neither a P21 order (metadata {StripeMetadataKeys.P21OrderNo}) "
                        + $"nor a Znode order after {context.Saga.RecheckCount} rechecks ({StripeRefundOptions.Section}:MaxRechecks); refund "
                        + $"{context.Saga.RefundId} is not booked");
                })
                .PublishFlowFailed()
                .TransitionTo(NeedsAttention),
            When(ChargeDescribed, context => Describes(context.Saga, DescribingCharge) && NamesErpDocument(context.Message.Charge))
                .StepSucceeded()
                .Then(context => TakeFacts(context.Saga, context.Message.Charge))
                .Then(context => Place(context.Saga, context.Message.Charge))
                .IfElse(context => context.Saga.Scope is not null,
                    post => post
                        .Publish(context => PostReturn(context.Saga))
                        .TransitionTo(PostingP21Return),
                    attention => attention
                        .PublishFlowFailed()
                        .TransitionTo(NeedsAttention)));
        FailOn(DescribeFaulted, DescribingCharge, RereadingCharge);

        During(AwaitingOriginalDocument,
            When(Recheck.Received)
                .Then(context => Logger.LogInformation("Refund {RefundId}: reading charge {ChargeId} again (recheck {Attempt})",
                    context.Saga.RefundId, context.Saga.ChargeId, context.Message.Attempt))
                .Publish(context => Describe(context.Saga))
                .TransitionTo(DescribingCharge));

        DuringStep(PostingP21Return,
            When(ReturnPosted, context => Awaits(context.Saga, PostingP21Return, nameof(PostP21RefundReturn)))
                .StepSucceeded()
                .Then(context => TakeBooking(context.Saga, context.Message))
                .IfElse(context => !MovesMoney(context.Saga.Status),
                    // The refund failed while P21 was posting: undo at once what was just booked.
                    reverse => reverse
                        .Publish(context => ReverseReturn(context.Saga))
                        .TransitionTo(ReversingP21Return),
                    onward => onward.IfElse(context => context.Saga.ZnodeOrderNumber is not null,
                        znode => znode
                            .Publish(context => RecordZnode(context.Saga))
                            .TransitionTo(RecordingZnodeRefund),
                        done => Complete(done))));
        FailOn(PostFaulted, PostingP21Return);
        // A PostP21RefundReturn redriven after the refund was canceled still booked it: reverse that too.
        During(Canceled,
            When(ReturnPosted, context => context.Saga.P21DocumentNumber is null)
                .Then(context =>
                {
                    TakeBooking(context.Saga, context.Message);
                    Logger.LogWarning("Refund {RefundId} had failed, yet P21 return {DocumentKind} {DocumentNumber} was posted for it (a redriven command); reversing it",
                        context.Saga.RefundId, context.Message.DocumentKind, context.Message.DocumentNumber);
                })
                .Publish(context => ReverseReturn(context.Saga))
                .TransitionTo(ReversingP21Return),
            Ignore(ChargeDescribed));

        DuringStep(RecordingZnodeRefund,
            When(ZnodeRecorded, context => Awaits(context.Saga, RecordingZnodeRefund, nameof(RecordZnodeRefund)))
                .StepSucceeded()
                .Then(context => TakeZnode(context.Saga, context.Message))
                .IfElse(context => !MovesMoney(context.Saga.Status),
                    reverse => reverse
                        .Publish(context => ReverseReturn(context.Saga))
                        .TransitionTo(ReversingP21Return),
                    done => Complete(done)));
        FailOn(ZnodeRecordingFaulted, RecordingZnodeRefund);
        // A redriven RecordZnodeRefund that succeeded once the reversal had begun: its status is set back too.
        During(ReversingP21Return,
            When(ZnodeRecorded, context => context.Saga.ZnodeRecordedAt is null)
                .Then(context => TakeZnode(context.Saga, context.Message)));
        During(Reversed,
            When(ZnodeRecorded, context => context.Saga.ZnodeRecordedAt is null)
                .Then(context => TakeZnode(context.Saga, context.Message))
                .Publish(context => Describe(context.Saga))
                .TransitionTo(RereadingCharge));

        DuringStep(ReversingP21Return,
            When(ReturnReversed, context => Awaits(context.Saga, ReversingP21Return, nameof(ReverseP21RefundReturn)))
                .StepSucceeded()
                .Then(context => context.Saga.P21ReversalNumber = context.Message.ReversalNumber ?? context.Message.DocumentNumber)
                .IfElse(context => context.Saga.ZnodeRecordedAt is not null,
                    znode => znode
                        .Publish(context => Describe(context.Saga))
                        .TransitionTo(RereadingCharge),
                    done => Reversal(done)));
        FailOn(ReversalFaulted, ReversingP21Return);

        // Znode's status after the reversal comes from the charge's other refunds as they stand now, not when this refund was placed: one
        // booked since (or failed since) changes it.
        DuringStep(RereadingCharge,
            When(ChargeDescribed, context => Describes(context.Saga, RereadingCharge))
                .StepSucceeded()
                .Then(context => context.Saga.OtherRefundsMinor = OthersStanding(context.Saga, context.Message.Charge))
                .Publish(context => ReverseZnode(context.Saga))
                .TransitionTo(ReversingZnodeRefund));

        DuringStep(ReversingZnodeRefund,
            Reversal(When(ZnodeReversed, context => Awaits(context.Saga, ReversingZnodeRefund, nameof(ReverseZnodeRefund)))
                .StepSucceeded()
                .Then(context => context.Saga.ZnodePaymentStatus = context.Message.PaymentStatus)));
        FailOn(ZnodeReversalFaulted, ReversingZnodeRefund);

        // Every later report of the refund, in every state, Final included (a refund can fail after it succeeded).
        DuringAny(Reports());
        During(Final, Reports());
    }

    /// <summary>The charge is being read (again, after a recheck).</summary>
    public State DescribingCharge { get; private set; } = null!;
    /// <summary>The charge names no P21 or Znode order yet: a recheck is scheduled.</summary>
    public State AwaitingOriginalDocument { get; private set; } = null!;
    public State PostingP21Return { get; private set; } = null!;
    public State RecordingZnodeRefund { get; private set; } = null!;
    public State ReversingP21Return { get; private set; } = null!;
    /// <summary>P21's booking is reversed; the charge is read again for the Znode status its other refunds leave now.</summary>
    public State RereadingCharge { get; private set; } = null!;
    public State ReversingZnodeRefund { get; private set; } = null!;
    /// <summary>The refund failed after it was booked; every booking is undone. Kept on record.</summary>
    public State Reversed { get; private set; } = null!;
    /// <summary>The refund failed before anything was booked; nothing is. Kept on record.</summary>
    public State Canceled { get; private set; } = null!;

    public Event<StripeRefundReported> Reported { get; private set; } = null!;
    public Event<RefundedChargeDescribed> ChargeDescribed { get; private set; } = null!;
    public Event<P21RefundReturnPosted> ReturnPosted { get; private set; } = null!;
    public Event<ZnodeRefundRecorded> ZnodeRecorded { get; private set; } = null!;
    public Event<P21RefundReturnReversed> ReturnReversed { get; private set; } = null!;
    public Event<ZnodeRefundReversed> ZnodeReversed { get; private set; } = null!;
    public Schedule<RefundState, RecheckRefundedCharge> Recheck { get; private set; } = null!;

    public Event<Fault<DescribeRefundedCharge>> DescribeFaulted { get; private set; } = null!;
    public Event<Fault<PostP21RefundReturn>> PostFaulted { get; private set; } = null!;
    public Event<Fault<RecordZnodeRefund>> ZnodeRecordingFaulted { get; private set; } = null!;
    public Event<Fault<ReverseP21RefundReturn>> ReversalFaulted { get; private set; } = null!;
    public Event<Fault<ReverseZnodeRefund>> ZnodeReversalFaulted { get; private set; } = null!;

    EventActivities<RefundState>[] Reports() =>
    [
        When(Reported, context => Effect(context) == RefundReportEffect.Older)
            .Then(context => Logger.LogInformation(
                "Refund {RefundId}: {EventType} ({StripeEventId}, {Status} at {ReportedAt:O}) is older than the report the flow acted on ({LastStatus} at {LastReportedAt:O}); nothing changes",
                context.Saga.RefundId, context.Message.EventType, context.Message.StripeEventId, context.Message.Status, context.Message.ReportedAt,
                context.Saga.Status, context.Saga.LastReportedAt)),
        When(Reported, context => Effect(context) == RefundReportEffect.Repeat)
            .Then(context =>
            {
                if (context.Message.ReportedAt.UtcDateTime > context.Saga.LastReportedAt) context.Saga.LastReportedAt = context.Message.ReportedAt.UtcDateTime;
                Logger.LogInformation("{Flow} {Subject} ({CorrelationId}) in state {State} already knows status {Status} ({EventType} {StripeEventId}); nothing done again",
                    Flow, context.Saga.Subject, context.Saga.CorrelationId, context.Saga.CurrentState, context.Message.Status, context.Message.EventType,
                    context.Message.StripeEventId);
            }),
        When(Reported, context => Effect(context) == RefundReportEffect.Update)
            .Then(context =>
            {
                Logger.LogInformation("Refund {RefundId} is now {Status} (was {LastStatus}); nothing to book again", context.Saga.RefundId, context.Message.Status,
                    context.Saga.Status);
                Record(context.Saga, context.Message);
            })
            // Stopped for lack of an ERP document: a newer report of a refund that moves money tries again from the start.
            .If(context => context.Saga.CurrentState == NeedsAttention.Name && context.Saga.P21DocumentNumber is null && MovesMoney(context.Saga.Status),
                again => again
                    .Then(context =>
                    {
                        context.Saga.RecheckCount = 0;
                        context.Saga.FailedStep = context.Saga.FailureReason = null;
                        context.Saga.FailedAt = null;
                    })
                    .Publish(context => Describe(context.Saga))
                    .TransitionTo(DescribingCharge)),
        // Failed while P21 or Znode is booking it: recorded; the step's reply then reverses instead of going on.
        When(Reported, context => Effect(context) == RefundReportEffect.Failure && InFlight(context.Saga))
            .Then(context =>
            {
                Record(context.Saga, context.Message);
                Logger.LogInformation("Refund {RefundId} is {Status} ({FailureReason}) while it is being booked ({State}); its booking is reversed once the step answers",
                    context.Saga.RefundId, context.Saga.Status, context.Saga.StripeFailureReason, context.Saga.CurrentState);
            }),
        When(Reported, context => Effect(context) == RefundReportEffect.Failure && !InFlight(context.Saga) && context.Saga.P21DocumentNumber is not null)
            .Then(context =>
            {
                Record(context.Saga, context.Message);
                context.Saga.FailedStep = context.Saga.FailureReason = null;
                context.Saga.FailedAt = null;
                Logger.LogInformation("Refund {RefundId} is {Status} ({FailureReason}) after it was booked; reversing P21 {DocumentKind} {DocumentNumber}",
                    context.Saga.RefundId, context.Saga.Status, context.Saga.StripeFailureReason, context.Saga.P21DocumentKind, context.Saga.P21DocumentNumber);
            })
            .Publish(context => ReverseReturn(context.Saga))
            .TransitionTo(ReversingP21Return),
        When(Reported, context => Effect(context) == RefundReportEffect.Failure && !InFlight(context.Saga) && context.Saga.P21DocumentNumber is null)
            .Then(context =>
            {
                Record(context.Saga, context.Message);
                context.Saga.FailedStep = context.Saga.FailureReason = null;
                context.Saga.FailedAt = null;
                Cancel(context.Saga);
            })
            .Unschedule(Recheck)
            .TransitionTo(Canceled),
    ];

    EventActivityBinder<RefundState, T> Complete<T>(EventActivityBinder<RefundState, T> binder)
        where T : class =>
        binder
            .If(context => context.Saga.ZnodeReturnNumber is not null,
                znodeReturn => znodeReturn.Publish(context => new ZnodeReturnRefundBooked
                {
                    CorrelationId = CorrelationKey.ZnodeReturn(context.Saga.ZnodeReturnNumber!).ToGuid(),
                    ReturnNumber = context.Saga.ZnodeReturnNumber!,
                    RefundId = context.Saga.RefundId,
                    P21DocumentKind = context.Saga.P21DocumentKind!,
                    P21DocumentNumber = context.Saga.P21DocumentNumber!,
                }))
            .CompleteFlow(context => Documents(context.Saga));

    /// <summary>
    /// Every booking is undone. A Znode return's flow hears of it (its return may show <c>REFUND PROCESSED</c> already), once: a late Znode
    /// recording reversed afterwards passes here again.
    /// </summary>
    EventActivityBinder<RefundState, T> Reversal<T>(EventActivityBinder<RefundState, T> binder)
        where T : class =>
        binder
            .If(context => context.Saga.ZnodeReturnNumber is not null && context.Saga.ReversedAt is null,
                znodeReturn => znodeReturn.Publish(context => new ZnodeReturnRefundReversed
                {
                    CorrelationId = CorrelationKey.ZnodeReturn(context.Saga.ZnodeReturnNumber!).ToGuid(),
                    ReturnNumber = context.Saga.ZnodeReturnNumber!,
                    RefundId = context.Saga.RefundId,
                    RefundStatus = context.Saga.Status,
                    Reason = FailureOf(context.Saga),
                    P21DocumentKind = context.Saga.P21DocumentKind!,
                    P21DocumentNumber = context.Saga.P21DocumentNumber!,
                    P21ReversalNumber = context.Saga.P21ReversalNumber,
                }))
            .Then(context => Reverse(context.Saga))
            .TransitionTo(Reversed);

    /// <summary>
    /// The charge is read before the refund is booked (<see cref="DescribingCharge"/>) and again, once it is booked, before Znode's status is
    /// set back (<see cref="RereadingCharge"/>); both send <c>DescribeRefundedCharge</c>, so a redriven answer in <c>Failed</c> goes to the one
    /// whose booking state matches.
    /// </summary>
    bool Describes(RefundState saga, State step) =>
        Awaits(saga, step, nameof(DescribeRefundedCharge)) && (step == RereadingCharge) == (saga.P21DocumentNumber is not null);

    /// <summary>The charge's other refunds that still move money, as Stripe lists them now (this refund left out).</summary>
    static long OthersStanding(RefundState saga, StripeChargeFacts charge) =>
        charge.Refunds.Where(r => r.RefundId != saga.RefundId && DomainRefund.ParseStatus(r.Status).MovesMoney()).Sum(r => r.AmountMinor);

    /// <summary>A step's reply is taken in the step's state, and in Failed only when that step is the one that failed (a redrive).</summary>
    bool Awaits(RefundState saga, State step, string command) =>
        saga.CurrentState == step.Name || (saga.CurrentState == Failed.Name && saga.FailedStep == command);

    /// <summary>P21 or Znode is booking the refund: a failure reported now is acted on when the step answers.</summary>
    bool InFlight(RefundState saga) => saga.CurrentState == PostingP21Return.Name || saga.CurrentState == RecordingZnodeRefund.Name;

    static RefundReportEffect Effect(BehaviorContext<RefundState, StripeRefundReported> context) =>
        RefundReports.Classify(DomainRefund.ParseStatus(context.Saga.Status), Utc(context.Saga.LastReportedAt),
            DomainRefund.ParseStatus(context.Message.Status), context.Message.ReportedAt);

    static bool MovesMoney(string status) => DomainRefund.ParseStatus(status).MovesMoney();

    /// <summary>charge-to-order writes the P21 order number back as its last step; znode-order-to-cash's charge carries the Znode order.</summary>
    static bool NamesErpDocument(StripeChargeFacts charge) =>
        !string.IsNullOrWhiteSpace(charge.P21OrderNo) || !string.IsNullOrWhiteSpace(charge.ZnodeOrderNumber);

    void Take(RefundState saga, StripeRefundReported report)
    {
        saga.RefundId = report.RefundId;
        saga.ChargeId = report.ChargeId;
        saga.PaymentIntentId = report.PaymentIntentId;
        saga.AmountMinor = report.AmountMinor;
        saga.Currency = report.Currency;
        saga.Reason = report.Reason;
        saga.ZnodeReturnNumber = report.ZnodeReturnNumber;
        saga.RefundCreatedAt = report.RefundCreatedAt.UtcDateTime;
        Record(saga, report);
    }

    void Record(RefundState saga, StripeRefundReported report)
    {
        saga.Status = report.Status;
        saga.StripeFailureReason = report.FailureReason ?? saga.StripeFailureReason;
        saga.LastReportedAt = report.ReportedAt.UtcDateTime;
        saga.LastStripeEventId = report.StripeEventId;
        saga.LastEventType = report.EventType;
        // A Znode return's number may come only with a later report (refund.updated after the metadata was written).
        saga.ZnodeReturnNumber ??= report.ZnodeReturnNumber;
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    void TakeFacts(RefundState saga, StripeChargeFacts charge)
    {
        saga.ChargeAmountMinor = charge.AmountMinor;
        saga.P21OrderNo = NullIfBlank(charge.P21OrderNo);
        saga.P21CustomerId = NullIfBlank(charge.P21CustomerId);
        saga.ZnodeOrderNumber = NullIfBlank(charge.ZnodeOrderNumber);
        saga.ChargeDescribedAt = Clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Full or partial, and the other refunds' total; a charge whose refunds do not add up stops the flow for a person.</summary>
    void Place(RefundState saga, StripeChargeFacts charge)
    {
        var refund = new DomainRefund(saga.RefundId, saga.AmountMinor, saga.Currency, DomainRefund.ParseStatus(saga.Status), Utc(saga.RefundCreatedAt));
        var others = charge.Refunds.Select(r => new DomainRefund(r.RefundId, r.AmountMinor, charge.Currency, DomainRefund.ParseStatus(r.Status), r.CreatedAt));
        if (!string.Equals(charge.Currency, saga.Currency, StringComparison.OrdinalIgnoreCase))
            NeedAttention(saga, $"charge {charge.ChargeId} is in {charge.Currency}, refund {saga.RefundId} in {saga.Currency}; refund not booked");
        else if (RefundPosition.TryFind(charge.AmountMinor, refund, others, out var position, out var problem))
        {
            saga.Scope = position.Scope.ToString();
            saga.OtherRefundsMinor = position.OtherRefundsMinor;
        }
        else
            NeedAttention(saga, $"{problem}; refund not booked");
    }

    void NeedAttention(RefundState saga, string reason)
    {
        saga.FailedStep = nameof(RefundedChargeDescribed);
        saga.FailureReason = reason;
        saga.FailedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
        Logger.LogWarning("{Flow} {Subject} ({CorrelationId}) needs attention: {Reason}", Flow, saga.Subject, saga.CorrelationId, reason);
    }

    void TakeBooking(RefundState saga, P21RefundReturnPosted posted)
    {
        saga.P21DocumentKind = posted.DocumentKind;
        saga.P21DocumentNumber = posted.DocumentNumber;
        saga.BookedAmountMinor = posted.AmountMinor;
        saga.BookedAt = Clock.GetUtcNow().UtcDateTime;
    }

    void TakeZnode(RefundState saga, ZnodeRefundRecorded recorded)
    {
        saga.ZnodePaymentStatus = recorded.PaymentStatus;
        saga.ZnodeRecordedAt = Clock.GetUtcNow().UtcDateTime;
    }

    void Cancel(RefundState saga)
    {
        saga.CanceledAt = Clock.GetUtcNow().UtcDateTime;
        Logger.LogInformation("Refund {RefundId} is {Status} ({FailureReason}) before anything was booked; nothing is", saga.RefundId, saga.Status,
            saga.StripeFailureReason ?? "no reason given");
    }

    void Reverse(RefundState saga)
    {
        saga.ReversedAt = Clock.GetUtcNow().UtcDateTime;
        Logger.LogInformation("Refund {RefundId} is {Status} ({FailureReason}); P21 {DocumentKind} {DocumentNumber} reversed{Znode}", saga.RefundId, saga.Status,
            saga.StripeFailureReason ?? "no reason given", saga.P21DocumentKind, saga.P21DocumentNumber,
            saga.ZnodeRecordedAt is null ? "" : $", Znode order {saga.ZnodeOrderNumber} set back to {saga.ZnodePaymentStatus}");
    }

    static DescribeRefundedCharge Describe(RefundState saga) => new()
    {
        CorrelationId = saga.CorrelationId, RefundId = saga.RefundId, ChargeId = saga.ChargeId,
    };

    static PostP21RefundReturn PostReturn(RefundState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        RefundId = saga.RefundId,
        ChargeId = saga.ChargeId,
        AmountMinor = saga.AmountMinor,
        Currency = saga.Currency,
        Scope = saga.Scope!,
        P21OrderNo = saga.P21OrderNo,
        ZnodeOrderNumber = saga.ZnodeOrderNumber,
        P21CustomerId = saga.P21CustomerId,
        RefundedAt = Utc(saga.RefundCreatedAt),
    };

    static RecordZnodeRefund RecordZnode(RefundState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        RefundId = saga.RefundId,
        OrderNumber = saga.ZnodeOrderNumber!,
        AmountMinor = saga.BookedAmountMinor ?? saga.AmountMinor,
        Currency = saga.Currency,
        Scope = saga.Scope!,
        ZnodeReturnNumber = saga.ZnodeReturnNumber,
    };

    static ReverseP21RefundReturn ReverseReturn(RefundState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        RefundId = saga.RefundId,
        DocumentKind = saga.P21DocumentKind!,
        DocumentNumber = saga.P21DocumentNumber!,
        AmountMinor = saga.BookedAmountMinor ?? saga.AmountMinor,
        Currency = saga.Currency,
        Reason = FailureOf(saga),
    };

    static ReverseZnodeRefund ReverseZnode(RefundState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        RefundId = saga.RefundId,
        OrderNumber = saga.ZnodeOrderNumber!,
        AmountMinor = saga.BookedAmountMinor ?? saga.AmountMinor,
        Currency = saga.Currency,
        PaymentStatus = RefundPaymentStatuses.AfterReversal(saga.OtherRefundsMinor ?? 0),
        Reason = FailureOf(saga),
    };

    static string FailureOf(RefundState saga) =>
        saga.StripeFailureReason is { Length: > 0 } reason ? $"Stripe refund {saga.RefundId} {saga.Status}: {reason}" : $"Stripe refund {saga.RefundId} {saga.Status}";

    static Dictionary<string, string> Documents(RefundState saga)
    {
        var documents = new Dictionary<string, string>
        {
            [FlowDocumentKeys.StripeRefund] = saga.RefundId,
            [FlowDocumentKeys.StripeCharge] = saga.ChargeId,
            [saga.P21DocumentKind == "journal" ? FlowDocumentKeys.P21Journal : FlowDocumentKeys.P21Rma] = saga.P21DocumentNumber!,
        };
        if (saga.ZnodeOrderNumber is not null) documents[FlowDocumentKeys.ZnodeOrder] = saga.ZnodeOrderNumber;
        if (saga.ZnodeReturnNumber is not null) documents[FlowDocumentKeys.ZnodeReturn] = saga.ZnodeReturnNumber;
        return documents;
    }

    static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
