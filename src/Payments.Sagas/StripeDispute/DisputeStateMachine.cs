using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Domain.Disputes;
using Payments.Sagas.Flows;
using static Payments.Sagas.StripeDispute.DisputeBookkeeping;

namespace Payments.Sagas.StripeDispute;

/// <summary>
/// Stripe dispute: one instance per dispute (<see cref="CorrelationKey.StripeDispute"/>). Every <c>charge.dispute.*</c> event is a snapshot of
/// the dispute; the flow reconciles what it booked against the snapshot (<see cref="DisputeReconciliation"/>), so events in any order and
/// repeated reach the same bookings, exactly once per balance transaction. The charge is read first (<c>DescribeDisputedCharge</c>) for its
/// P21 and Znode orders; a charge without either waits for its ERP document (<c>RecheckDisputedCharge</c> through the scheduler). An inquiry
/// moves no money and holds nothing; an open dispute holds the P21 order and books its withdrawal; a won one books the reinstatement and then
/// releases the hold if the dispute placed it (an order already on hold, e.g. a credit hold, stays held); a lost one keeps the hold.
/// <c>DisputeEvidenceDueSoon</c> goes out <see cref="StripeDisputeOptions.EvidenceAlertDaysBefore"/> days before the evidence is due, while
/// the dispute still needs a response.
/// </summary>
public class DisputeStateMachine : FlowStateMachine<DisputeState>
{
    readonly IOptions<StripeDisputeOptions> _options;

    public DisputeStateMachine(TimeProvider clock, IOptions<StripeDisputeOptions> options, ILogger<DisputeStateMachine> logger)
        : base(FlowNames.StripeDispute, clock, logger)
    {
        _options = options;
        Schedule(() => Recheck, x => x.RecheckTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.CorrelationId));
        Schedule(() => EvidenceDue, x => x.EvidenceAlertTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(Reported)
                .StartFlow(m => CorrelationKey.StripeDispute(m.DisputeId))
                .Then(context =>
                {
                    context.Saga.DisputeId = context.Message.DisputeId;
                    context.Saga.ChargeId = context.Message.ChargeId;
                    Record(context.Saga, context.Message, first: true);
                })
                .Publish(context => Describe(context.Saga))
                .ScheduleEvidenceAlert(this)
                .TransitionTo(DescribingCharge));

        DuringStep(DescribingCharge,
            When(Described)
                .StepSucceeded()
                .Then(context =>
                {
                    var charge = context.Message.Charge;
                    context.Saga.ChargeDescribedAt = Clock.GetUtcNow().UtcDateTime;
                    context.Saga.P21OrderNo = charge.P21OrderNo;
                    context.Saga.ZnodeOrderNumber = charge.ZnodeOrderNumber;
                    context.Saga.PaymentIntentId ??= charge.PaymentIntentId;
                })
                .IfElse(context => MissesDocument(context.Saga),
                    missing => missing.IfElse(context => context.Saga.RecheckCount < options.Value.MaxRechecks,
                        wait => wait
                            .Then(context =>
                            {
                                context.Saga.RecheckCount++;
                                Logger.LogInformation("Dispute {DisputeId}: charge {ChargeId} has no P21 or Znode order yet; reading it again in {RecheckAfter} (recheck {Attempt} of {MaxRechecks})",
                                    context.Saga.DisputeId, context.Saga.ChargeId, options.Value.RecheckAfter, context.Saga.RecheckCount, options.Value.MaxRechecks);
                            })
                            .Schedule(Recheck, context => new RecheckDisputedCharge
                            {
                                CorrelationId = context.Saga.CorrelationId, DisputeId = context.Saga.DisputeId, Attempt = context.Saga.RecheckCount,
                            }, _ => options.Value.RecheckAfter)
                            .TransitionTo(AwaitingOriginalDocument),
                        giveUp => giveUp
                            .Then(context =>
                            {
                                context.Saga.FailedStep = nameof(RecheckDisputedCharge);
                                context.Saga.FailureReason = $"charge {context.Saga.ChargeId} still names neither a P21 order nor a Znode order after " +
                                    $"{context.Saga.RecheckCount} rechecks: nothing to book the dispute against";
                                context.Saga.FailedAt = context.Saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                                Logger.LogWarning("{Flow} {Subject} ({CorrelationId}) needs attention: {Reason}",
                                    Flow, context.Saga.Subject, context.Saga.CorrelationId, context.Saga.FailureReason);
                            })
                            .PublishFlowFailed()
                            .TransitionTo(NeedsAttention)),
                    found => found.ThenAsync(Reconcile)));
        FailOn(DescribeFaulted, DescribingCharge);

        During(AwaitingOriginalDocument,
            When(Recheck.Received)
                .Publish(context => Describe(context.Saga))
                .TransitionTo(DescribingCharge));

        // A snapshot while the charge is being read: kept; the description's reply reconciles it.
        During(DescribingCharge, AwaitingOriginalDocument,
            When(Reported)
                .Then(context => Record(context.Saga, context.Message, first: false))
                .ScheduleEvidenceAlert(this));
        // A snapshot once the charge is known: reconciled at once (in Failed too; the flow stays there until the failed step succeeds).
        During([Reconciling, Failed, .. Resting],
            When(Reported)
                .Then(context => Record(context.Saga, context.Message, first: false))
                .ThenAsync(Advance)
                .ScheduleEvidenceAlert(this));
        // A person looks at a dispute whose charge never got its document; a newer snapshot reads the charge again.
        During(NeedsAttention,
            When(Reported)
                .Then(context =>
                {
                    Record(context.Saga, context.Message, first: false);
                    context.Saga.FailedStep = context.Saga.FailureReason = null;
                    context.Saga.FailedAt = null;
                    context.Saga.RecheckCount = 0;
                })
                .Publish(context => Describe(context.Saga))
                .ScheduleEvidenceAlert(this)
                .TransitionTo(DescribingCharge));

        // The replies of the reconciling steps, in whatever order; a redriven one that succeeds resumes the flow from Failed.
        During([Reconciling, Failed, .. Resting],
            When(JournalPosted)
                .Then(context =>
                {
                    var posted = context.Message;
                    var saga = context.Saga;
                    ClearFailureOf(saga, nameof(PostDisputeJournal));
                    if (Ids(saga.BookedBalanceTransactionIds).Contains(posted.BalanceTransactionId))
                    {
                        Logger.LogInformation("Dispute {DisputeId}: balance transaction {BalanceTransactionId} is already booked ({JournalReference}); nothing done again",
                            saga.DisputeId, posted.BalanceTransactionId, posted.JournalReference);
                        return;
                    }
                    saga.RequestedBalanceTransactionIds = With(saga.RequestedBalanceTransactionIds, posted.BalanceTransactionId);
                    saga.BookedBalanceTransactionIds = With(saga.BookedBalanceTransactionIds, posted.BalanceTransactionId);
                    saga.JournalReferences += $"{posted.BalanceTransactionId} {posted.Kind} {posted.JournalReference}\n";
                })
                .ThenAsync(Advance),
            When(Held)
                .Then(context =>
                {
                    var saga = context.Saga;
                    ClearFailureOf(saga, nameof(HoldP21OrderForDispute));
                    saga.HoldRequestedAt ??= Clock.GetUtcNow().UtcDateTime;
                    // The first reply tells whose hold it is; a redelivered one (which finds the order held) does not change that.
                    if (saga.HeldAt is null && !context.Message.PlacedHold)
                    {
                        saga.HoldNote = $"{HoldNotPlacedNote} P21 order {context.Message.P21OrderNo} was already on hold ({context.Message.HoldMethod}) " +
                            "when the dispute asked for one; the dispute leaves it as it is, won or lost";
                        Logger.LogInformation("Dispute {DisputeId}: {HoldNote}", saga.DisputeId, saga.HoldNote);
                    }
                    saga.HeldAt ??= Clock.GetUtcNow().UtcDateTime;
                    saga.HoldMethod = context.Message.HoldMethod;
                })
                .ThenAsync(Advance),
            When(Released)
                .Then(context =>
                {
                    ClearFailureOf(context.Saga, nameof(ReleaseP21OrderHold));
                    context.Saga.ReleaseRequestedAt ??= Clock.GetUtcNow().UtcDateTime;
                    context.Saga.ReleasedAt ??= Clock.GetUtcNow().UtcDateTime;
                })
                .ThenAsync(Advance));
        FailOn(JournalFaulted, Reconciling);
        FailOn(HoldFaulted, Reconciling);
        FailOn(ReleaseFaulted, Reconciling);

        // The alert, in any state: sent only while the dispute still needs a response for that due date.
        DuringAny(
            When(EvidenceDue.Received, context => DisputeStatuses.AwaitsEvidence(context.Saga.Status) && SameInstant(context.Saga.EvidenceDueBy, context.Message.DueBy))
                .Then(context =>
                {
                    context.Saga.EvidenceAlertedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogWarning("Dispute {DisputeId} on charge {ChargeId} ({Status}): evidence is due by {DueBy:u}",
                        context.Saga.DisputeId, context.Saga.ChargeId, context.Saga.Status, context.Message.DueBy);
                })
                .Publish(context => new DisputeEvidenceDueSoon
                {
                    CorrelationId = context.Saga.CorrelationId,
                    DisputeId = context.Saga.DisputeId,
                    ChargeId = context.Saga.ChargeId,
                    AmountMinor = context.Saga.AmountMinor,
                    Currency = context.Saga.Currency,
                    DueBy = context.Message.DueBy,
                    P21OrderNo = context.Saga.P21OrderNo,
                    Reason = context.Saga.Reason,
                }),
            When(EvidenceDue.Received, context => !DisputeStatuses.AwaitsEvidence(context.Saga.Status) || !SameInstant(context.Saga.EvidenceDueBy, context.Message.DueBy))
                .Then(context => Logger.LogInformation("Dispute {DisputeId} is {Status} (evidence due {DueBy:u}); the alert for {AlertDueBy:u} is not sent",
                    context.Saga.DisputeId, context.Saga.Status, context.Saga.EvidenceDueBy, context.Message.DueBy)));
    }

    /// <summary>The charge is being read (<c>DescribeDisputedCharge</c>).</summary>
    public State DescribingCharge { get; private set; } = null!;
    /// <summary>The charge names neither a P21 nor a Znode order yet; it is read again after <see cref="StripeDisputeOptions.RecheckAfter"/>.</summary>
    public State AwaitingOriginalDocument { get; private set; } = null!;
    /// <summary>Journals, a hold or a release are on their way.</summary>
    public State Reconciling { get; private set; } = null!;
    /// <summary>An inquiry: nothing booked, nothing held.</summary>
    public State Inquiry { get; private set; } = null!;
    /// <summary>An open dispute: its withdrawal booked, the P21 order held (or nothing to hold).</summary>
    public State Open { get; private set; } = null!;
    /// <summary>Won, waiting for Stripe's reinstatement before the hold is released.</summary>
    public State AwaitingReinstatement { get; private set; } = null!;
    /// <summary>Final: won, reinstatement booked, hold released.</summary>
    public State Won { get; private set; } = null!;
    /// <summary>Final: lost; the hold stays.</summary>
    public State Lost { get; private set; } = null!;
    /// <summary>Final: an inquiry closed (or a dispute prevented); nothing booked by the dispute.</summary>
    public State Closed { get; private set; } = null!;

    State[] Resting => [Inquiry, Open, AwaitingReinstatement, Won, Lost, Closed];

    public Event<StripeDisputeReported> Reported { get; private set; } = null!;
    public Event<DisputedChargeDescribed> Described { get; private set; } = null!;
    public Event<DisputeJournalPosted> JournalPosted { get; private set; } = null!;
    public Event<P21OrderHeldForDispute> Held { get; private set; } = null!;
    public Event<P21OrderHoldReleased> Released { get; private set; } = null!;
    public Schedule<DisputeState, RecheckDisputedCharge> Recheck { get; private set; } = null!;
    public Schedule<DisputeState, DisputeEvidenceDue> EvidenceDue { get; private set; } = null!;

    public Event<Fault<DescribeDisputedCharge>> DescribeFaulted { get; private set; } = null!;
    public Event<Fault<PostDisputeJournal>> JournalFaulted { get; private set; } = null!;
    public Event<Fault<HoldP21OrderForDispute>> HoldFaulted { get; private set; } = null!;
    public Event<Fault<ReleaseP21OrderHold>> ReleaseFaulted { get; private set; } = null!;

    internal StripeDisputeOptions Options => _options.Value;

    /// <summary>
    /// Keeps the snapshot: its balance transactions always (they never change, so an older snapshot may still bring one), its status, amount and
    /// due date only when it is not older than the last (Stripe's <c>created</c> has seconds: on a tie the further status wins).
    /// </summary>
    void Record(DisputeState saga, StripeDisputeReported reported, bool first)
    {
        // Bad input is refused before anything is kept: the report faults to its _error queue with the reason.
        DisputeStatuses.PhaseOf(reported.Status);
        var added = Merge(saga, reported.BalanceTransactions, reported.ReportedAt);
        var newer = first || reported.ReportedAt.UtcDateTime > saga.LastReportedAt
            || reported.ReportedAt.UtcDateTime == saga.LastReportedAt && Rank(reported.Status) >= Rank(saga.Status);
        if (newer)
        {
            saga.Status = reported.Status;
            saga.Reason = reported.Reason;
            saga.AmountMinor = reported.AmountMinor;
            saga.Currency = reported.Currency.ToUpperInvariant();
            saga.EvidenceDueBy = reported.EvidenceDueBy?.UtcDateTime;
            saga.LastReportedAt = reported.ReportedAt.UtcDateTime;
            saga.LastStripeEventId = reported.StripeEventId;
            saga.PaymentIntentId ??= reported.PaymentIntentId;
        }
        else
        {
            Logger.LogInformation("Dispute {DisputeId}: {EventType} ({StripeEventId}, {Status}) is older than the last snapshot ({LastStatus}); status kept, {Added} new balance transaction(s) taken",
                saga.DisputeId, reported.EventType, reported.StripeEventId, reported.Status, saga.Status, added);
        }
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    static int Rank(string status) => DisputeStatuses.IsKnown(status) ? DisputeStatuses.PhaseOf(status) switch
    {
        DisputePhase.Inquiry => 0,
        DisputePhase.Open => 1,
        _ => 2,
    } : -1;

    static bool SameInstant(DateTime? saga, DateTimeOffset message) => saga is { } due && due == message.UtcDateTime;

    static DescribeDisputedCharge Describe(DisputeState saga) => new()
    {
        CorrelationId = saga.CorrelationId, DisputeId = saga.DisputeId, ChargeId = saga.ChargeId,
    };

    static bool HasDocument(DisputeState saga) => saga.P21OrderNo is not null || saga.ZnodeOrderNumber is not null;

    /// <summary>Money to book or an order to hold, and no ERP document to do it against (an inquiry needs none).</summary>
    static bool MissesDocument(DisputeState saga) =>
        !HasDocument(saga) && (DisputeStatuses.PhaseOf(saga.Status) is not (DisputePhase.Inquiry or DisputePhase.Closed) || Known(saga).Count > 0);

    /// <summary>A step's success clears the recorded failure only when it is that step's (another step's success leaves the failure visible).</summary>
    void ClearFailureOf(DisputeState saga, string step)
    {
        if (saga.FailedStep == step)
        {
            saga.FailedStep = saga.FailureReason = null;
            saga.FailedAt = null;
        }
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>After a snapshot or a reply: reconcile if the charge's documents are known; read the charge again if an inquiry became a dispute without one.</summary>
    async Task Advance<T>(BehaviorContext<DisputeState, T> context)
        where T : class
    {
        var saga = context.Saga;
        if (MissesDocument(saga))
        {
            if (saga.FailedStep is not null) return;
            await context.Publish(Describe(saga));
            await context.TransitionToState(DescribingCharge);
            return;
        }
        await Reconcile(context);
    }

    /// <summary>Asks for what the snapshot still needs (journals by balance transaction id, the hold, the release) and moves to where the dispute then rests.</summary>
    async Task Reconcile<T>(BehaviorContext<DisputeState, T> context)
        where T : class
    {
        var saga = context.Saga;
        var known = Known(saga);
        var plan = DisputeReconciliation.Plan(saga.Status, known.Select(k => k.Transaction), Progress(saga));
        var now = Clock.GetUtcNow();

        foreach (var transaction in plan.Book)
        {
            var seen = known.Single(k => k.Id == transaction.Id);
            saga.RequestedBalanceTransactionIds = With(saga.RequestedBalanceTransactionIds, transaction.Id);
            Logger.LogInformation("Dispute {DisputeId}: booking {Kind} {BalanceTransactionId} ({AmountMinor} {Currency}, fee {FeeMinor})",
                saga.DisputeId, transaction.Kind, transaction.Id, transaction.AmountMinor, transaction.Currency, transaction.FeeMinor);
            await context.Publish(new PostDisputeJournal
            {
                CorrelationId = saga.CorrelationId,
                DisputeId = saga.DisputeId,
                ChargeId = saga.ChargeId,
                BalanceTransactionId = transaction.Id,
                Kind = transaction.Kind.ToString(),
                AmountMinor = transaction.AmountMinor,
                FeeMinor = transaction.FeeMinor,
                Currency = transaction.Currency,
                P21OrderNo = saga.P21OrderNo,
                ZnodeOrderNumber = saga.ZnodeOrderNumber,
                OccurredAt = seen.SeenAt,
            });
        }

        if (plan.Hold)
        {
            saga.HoldRequestedAt = now.UtcDateTime;
            await context.Publish(new HoldP21OrderForDispute
            {
                CorrelationId = saga.CorrelationId, DisputeId = saga.DisputeId, P21OrderNo = saga.P21OrderNo!,
                Reason = $"Stripe dispute {saga.DisputeId} ({saga.Reason ?? "no reason given"}) on charge {saga.ChargeId}",
            });
        }
        else if (plan.Phase is DisputePhase.Open or DisputePhase.Lost && saga.P21OrderNo is null && saga.HoldNote is null)
        {
            saga.HoldNote = $"nothing to hold: the sale is Znode order {saga.ZnodeOrderNumber}, which has no P21 order";
            Logger.LogInformation("Dispute {DisputeId}: {HoldNote}", saga.DisputeId, saga.HoldNote);
        }

        if (plan.Release)
        {
            saga.ReleaseRequestedAt = now.UtcDateTime;
            await context.Publish(new ReleaseP21OrderHold { CorrelationId = saga.CorrelationId, DisputeId = saga.DisputeId, P21OrderNo = saga.P21OrderNo! });
        }

        // In Failed the flow stays until the failed step succeeds (its redriven message), whatever else moves meanwhile.
        if (saga.FailedStep is not null) return;

        var target = plan.Outcome switch
        {
            DisputeOutcome.Inquiry => Inquiry,
            DisputeOutcome.Open => Open,
            DisputeOutcome.AwaitingReinstatement => AwaitingReinstatement,
            DisputeOutcome.Won => Won,
            DisputeOutcome.Lost => Lost,
            DisputeOutcome.Closed => Closed,
            _ => Reconciling,
        };
        if (target == Won || target == Lost || target == Closed)
        {
            if (saga.ClosedAt is null)
            {
                saga.ClosedAt = now.UtcDateTime;
                await context.Publish(new FlowCompleted
                {
                    CorrelationId = saga.CorrelationId, Flow = Flow, Subject = saga.Subject, CompletedAt = now, Documents = Documents(saga),
                });
            }
        }
        if (saga.CurrentState != target.Name)
            await context.TransitionToState(target);
    }

    static Dictionary<string, string> Documents(DisputeState saga)
    {
        var documents = new Dictionary<string, string>
        {
            [FlowDocumentKeys.StripeDispute] = saga.DisputeId,
            [FlowDocumentKeys.StripeCharge] = saga.ChargeId,
        };
        if (saga.P21OrderNo is not null) documents[FlowDocumentKeys.P21SalesOrder] = saga.P21OrderNo;
        if (saga.ZnodeOrderNumber is not null) documents[FlowDocumentKeys.ZnodeOrder] = saga.ZnodeOrderNumber;
        var journals = saga.JournalReferences.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[^1]).ToList();
        if (journals.Count > 0) documents[FlowDocumentKeys.P21Journal] = string.Join(",", journals);
        return documents;
    }
}

/// <summary>The evidence alert's scheduling, shared by every handler of a snapshot.</summary>
static class DisputeEvidenceAlerts
{
    /// <summary>
    /// While the dispute needs a response and has a due date not yet scheduled for: <c>DisputeEvidenceDue</c> at <c>due_by</c> minus
    /// the configured days (now if that has passed); a new due date replaces the pending alert. Once the dispute no longer needs a response
    /// (evidence submitted, or closed), the pending alert is cancelled.
    /// </summary>
    public static EventActivityBinder<DisputeState, T> ScheduleEvidenceAlert<T>(this EventActivityBinder<DisputeState, T> binder, DisputeStateMachine machine)
        where T : class =>
        binder
            .If(context => DisputeStatuses.AwaitsEvidence(context.Saga.Status) && context.Saga.EvidenceDueBy is not null
                           && context.Saga.EvidenceAlertFor != context.Saga.EvidenceDueBy && context.Saga.ClosedAt is null,
                schedule => schedule
                    .Schedule(machine.EvidenceDue, context => new DisputeEvidenceDue
                    {
                        CorrelationId = context.Saga.CorrelationId,
                        DisputeId = context.Saga.DisputeId,
                        DueBy = new DateTimeOffset(DateTime.SpecifyKind(context.Saga.EvidenceDueBy!.Value, DateTimeKind.Utc)),
                    }, context => Delay(context.Saga, machine))
                    .Then(context => context.Saga.EvidenceAlertFor = context.Saga.EvidenceDueBy))
            .If(context => context.Saga.EvidenceAlertTokenId is not null && !DisputeStatuses.AwaitsEvidence(context.Saga.Status),
                cancel => cancel.Unschedule(machine.EvidenceDue));

    static TimeSpan Delay(DisputeState saga, DisputeStateMachine machine)
    {
        var now = machine.Clock.GetUtcNow();
        var due = new DateTimeOffset(DateTime.SpecifyKind(saga.EvidenceDueBy!.Value, DateTimeKind.Utc));
        return EvidenceAlert.At(due, machine.Options.EvidenceAlertDaysBefore, now)!.Value - now;
    }
}
