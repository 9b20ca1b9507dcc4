using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Domain.Money;
using Payments.Sagas.Flows;

namespace Payments.Sagas.PayoutReconciliation;

/// <summary>
/// Payout reconciliation: one instance per Stripe payout (<see cref="CorrelationKey.StripePayout"/>). Every <c>payout.*</c> event is a snapshot
/// of the payout (<see cref="StripePayoutReported"/>); an older one changes nothing and a failed or canceled payout stays so, so events in any
/// order and repeated come to the same result. Once the payout is paid and, when Stripe made it, its balance transactions are final, the
/// Stripe service lists them (<c>ListPayoutTransactions</c>, numbered by <see cref="PayoutState.Run"/>); totals without flags are posted as one
/// P21 journal (<c>PostPayoutJournal</c>), totals with flags stop in <c>Flagged</c> until a person re-runs the payout
/// (<c>RerunPayoutReconciliation</c>). A payout that fails after its journal was posted is reversed (<c>ReversePayoutJournal</c>); one that
/// fails or is canceled before is closed with nothing posted. A payout still unsettled <see cref="PayoutReconciliationOptions.SettlementGrace"/>
/// after its arrival date raises <c>PayoutNotSettled</c> (durable scheduler, docs/scheduler.md). The journal is posted at most once, ever.
/// </summary>
public class PayoutStateMachine : FlowStateMachine<PayoutState>
{
    readonly IOptions<PayoutReconciliationOptions> _options;

    public PayoutStateMachine(TimeProvider clock, IOptions<PayoutReconciliationOptions> options, ILogger<PayoutStateMachine> logger)
        : base(FlowNames.PayoutReconciliation, clock, logger)
    {
        _options = options;
        Schedule(() => SettlementDue, x => x.SettlementAlertTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(Reported)
                .Then(context => PayoutStatuses.Check(context.Message))
                .StartFlow(m => CorrelationKey.StripePayout(m.PayoutId))
                .Then(context =>
                {
                    context.Saga.PayoutId = context.Message.PayoutId;
                    Take(context.Saga, context.Message, first: true);
                })
                .IfElse(context => Ended(context.Saga),
                    ended => CloseUnposted(ended),
                    known => known.IfElse(context => Ready(context.Saga),
                        ready => StartListing(ready),
                        waiting => waiting
                            .Schedule(SettlementDue, context => new PayoutSettlementDue
                            {
                                CorrelationId = context.Saga.CorrelationId, PayoutId = context.Saga.PayoutId, ExpectedBy = ExpectedBy(context.Saga),
                            }, context => UntilExpected(context.Saga))
                            .TransitionTo(AwaitingSettlement))));

        // Not paid yet, or paid but its balance transactions not final: each snapshot may make it ready, or end it.
        During(AwaitingSettlement,
            When(Reported)
                .Then(context => Take(context.Saga, context.Message))
                .IfElse(context => Ended(context.Saga),
                    ended => CloseUnposted(ended),
                    known => known.If(context => Ready(context.Saga), ready => StartListing(ready))),
            When(SettlementDue.Received)
                .Then(context =>
                {
                    var saga = context.Saga;
                    saga.SettlementAlertedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogWarning("Payout {PayoutId} ({Amount} {Currency}) has not settled {Grace} after its arrival date {ArrivalDate:yyyy-MM-dd}: {Reason}",
                        saga.PayoutId, Major(saga), saga.Currency, _options.Value.SettlementGrace, saga.ArrivalDate, NotSettledReason(saga));
                })
                .Publish(context => new PayoutNotSettled
                {
                    CorrelationId = context.Saga.CorrelationId,
                    PayoutId = context.Saga.PayoutId,
                    AmountMinor = context.Saga.AmountMinor,
                    Currency = context.Saga.Currency,
                    ArrivalDate = Utc(context.Saga.ArrivalDate),
                    Status = context.Saga.Status,
                    ReconciliationStatus = context.Saga.ReconciliationStatus,
                    Reason = NotSettledReason(context.Saga),
                }));

        // The Stripe service's answer for the current run (also in Failed, when the listing is what failed: a redriven command resumes).
        DuringStep(Listing,
            When(Listed, context => !AwaitsListing(context))
                .Then(context => IgnoreListing(context.Saga, context.Message)),
            When(Listed, context => AwaitsListing(context))
                .StepSucceeded()
                .Then(context => TakeListing(context.Saga, context.Message))
                .IfElse(context => Ended(context.Saga),
                    ended => CloseUnposted(ended),
                    listed => listed.IfElse(context => context.Saga.FlagCount == 0,
                        clean => clean
                            .Publish(context => new PostPayoutJournal
                            {
                                CorrelationId = context.Saga.CorrelationId,
                                PayoutId = context.Saga.PayoutId,
                                AmountMinor = context.Saga.AmountMinor,
                                Currency = context.Saga.Currency,
                                ArrivalDate = Utc(context.Saga.ArrivalDate),
                                Totals = context.Message.Totals,
                            })
                            .TransitionTo(Posting),
                        flagged => flagged
                            .Then(context => Logger.LogWarning(
                                "Payout {PayoutId} ({Amount} {Currency}) does not reconcile (run {Run}): {FlagCount} flag(s), the first: {FirstReason}; not posted until it is re-run",
                                context.Saga.PayoutId, Major(context.Saga), context.Saga.Currency, context.Saga.Run, context.Saga.FlagCount,
                                context.Message.Flags.FirstOrDefault()?.Reason ?? "(no reason carried)"))
                            .Publish(context => new PayoutReconciliationFlagged
                            {
                                CorrelationId = context.Saga.CorrelationId,
                                PayoutId = context.Saga.PayoutId,
                                AmountMinor = context.Saga.AmountMinor,
                                Currency = context.Saga.Currency,
                                Run = context.Saga.Run,
                                Flags = [.. context.Message.Flags.Take(PayoutFlagItem.MaxCarried)],
                                FlagCount = context.Saga.FlagCount,
                            })
                            .TransitionTo(Flagged))));
        FailOn(ListFaulted, Listing);
        During([AwaitingSettlement, Flagged, Posting, Posted, Reversing, Reversed, PayoutFailed, Canceled],
            When(Listed).Then(context => IgnoreListing(context.Saga, context.Message)));

        // P21 holds the journal: posted, or reversed at once when the payout failed meanwhile. In Failed only while no journal is known (a
        // redriven post); a journal P21 reports a second time is the same one (P21 finds it by its reference).
        DuringStep(Posting,
            When(JournalPosted, context => context.Saga.JournalNumber is not null)
                .Then(context => KnownJournal(context.Saga, context.Message)),
            When(JournalPosted, context => context.Saga.JournalNumber is null)
                .StepSucceeded()
                .Then(context => TakeJournal(context.Saga, context.Message))
                .IfElse(context => Ended(context.Saga),
                    reverse => Reverse(reverse),
                    posted => Complete(posted)));
        FailOn(PostFaulted, Posting);
        // A PostPayoutJournal redriven from its _error queue after the flow moved on (a re-run, or the payout failed or was canceled meanwhile)
        // still posted: the journal is the payout's, and is reversed at once if the payout did not reach the bank.
        During([Listing, Flagged, PayoutFailed, Canceled],
            When(JournalPosted, context => context.Saga.JournalNumber is null)
                .Then(context =>
                {
                    Logger.LogWarning("Payout {PayoutId}: P21 journal {JournalNumber} was posted by a redriven command while the flow was {State}; taking it",
                        context.Saga.PayoutId, context.Message.JournalNumber, context.Saga.CurrentState);
                    TakeJournal(context.Saga, context.Message);
                })
                .IfElse(context => Ended(context.Saga),
                    reverse => Reverse(reverse),
                    posted => Complete(posted)));
        During([Posted, Reversing, Reversed],
            When(JournalPosted).Then(context => KnownJournal(context.Saga, context.Message)));

        DuringStep(Reversing,
            When(JournalReversed, context => context.Saga.ReversalJournalNumber is not null || context.Saga.JournalNumber is null)
                .Then(context => KnownReversal(context.Saga, context.Message)),
            When(JournalReversed, context => context.Saga.ReversalJournalNumber is null && context.Saga.JournalNumber is not null)
                .StepSucceeded()
                .Then(context =>
                {
                    var saga = context.Saga;
                    saga.ReversalJournalNumber = context.Message.ReversalJournalNumber;
                    saga.ReversedAt = Clock.GetUtcNow().UtcDateTime;
                    Logger.LogInformation("Payout {PayoutId} is {Status} ({FailureCode}); P21 journal {JournalNumber} reversed by {ReversalJournalNumber}{Existing}",
                        saga.PayoutId, saga.Status, saga.FailureCode ?? "no failure code", saga.JournalNumber, saga.ReversalJournalNumber,
                        context.Message.AlreadyExisted ? " (found posted before)" : "");
                })
                .PublishFlowCompleted(context => Documents(context.Saga))
                .TransitionTo(Reversed));
        FailOn(ReverseFaulted, Reversing);
        During(Reversed,
            When(JournalReversed).Then(context => KnownReversal(context.Saga, context.Message)));

        // Later snapshots. While a step is on its way a failure is remembered and the step's answer acts on it.
        During(Listing, Posting,

            When(Reported)
                .Then(context =>
                {
                    var wasEnded = Ended(context.Saga);
                    Take(context.Saga, context.Message);
                    if (!wasEnded && Ended(context.Saga))
                        Logger.LogInformation("Payout {PayoutId} is {Status} while {State}; acted on when the step answers",
                            context.Saga.PayoutId, context.Saga.Status, context.Saga.CurrentState);
                }));
        During(Flagged,
            When(Reported)
                .Then(context => Take(context.Saga, context.Message))
                .If(context => Ended(context.Saga), ended => CloseUnposted(ended)));
        // Stopped on a failed step: a payout that failed before anything was posted is closed (a redriven post that still posts is reversed).
        During(Failed,
            When(Reported)
                .Then(context => Take(context.Saga, context.Message))
                .If(context => Ended(context.Saga) && context.Saga.JournalNumber is null, ended => CloseUnposted(ended)));
        During(Posted,
            When(Reported)
                .Then(context => Take(context.Saga, context.Message))
                .If(context => Ended(context.Saga), ended => Reverse(ended)));
        During([Reversing, Reversed, PayoutFailed, Canceled],
            When(Reported).Then(context => Take(context.Saga, context.Message)));

        // A person asks again once the missing order has landed. Never a second journal: a payout with one is not listed again.
        During(Flagged, Failed,

            When(Rerun, context => context.Saga.JournalNumber is not null)
                .Then(context => AlreadyPosted(context.Saga, context.Message)),
            StartListing(When(Rerun, context => context.Saga.JournalNumber is null)
                .Then(context =>
                {
                    var saga = context.Saga;
                    Logger.LogInformation("Payout {PayoutId}: re-run asked by {RequestedBy} ({Reason}) in {State}",
                        saga.PayoutId, context.Message.RequestedBy, context.Message.Reason ?? "no reason given", saga.CurrentState);
                    saga.FailedStep = saga.FailureReason = null;
                    saga.FailedAt = null;
                })));
        During([Posted, Reversing, Reversed],
            When(Rerun).Then(context => AlreadyPosted(context.Saga, context.Message)));
        During([AwaitingSettlement, Listing, Posting, PayoutFailed, Canceled],
            When(Rerun).Then(context => Logger.LogInformation(
                "Payout {PayoutId}: re-run asked by {RequestedBy} in {State}, where there is nothing to re-run; acknowledged, nothing done",
                context.Saga.PayoutId, context.Message.RequestedBy, context.Saga.CurrentState)));
    }

    /// <summary>Known; not paid yet, or its balance transactions not final (an automatic payout whose reconciliation is in progress).</summary>
    public State AwaitingSettlement { get; private set; } = null!;
    /// <summary>The Stripe service lists the balance transactions of run <see cref="PayoutState.Run"/>.</summary>
    public State Listing { get; private set; } = null!;
    /// <summary>The payout does not reconcile: not posted until a person re-runs it.</summary>
    public State Flagged { get; private set; } = null!;
    /// <summary>P21 posts the payout's journal.</summary>
    public State Posting { get; private set; } = null!;
    /// <summary>The journal is posted (<c>FlowCompleted</c>); not final: a later failure of the payout reverses it.</summary>
    public State Posted { get; private set; } = null!;
    /// <summary>The payout failed after its journal was posted; P21 posts the reversing journal.</summary>
    public State Reversing { get; private set; } = null!;
    /// <summary>Final of its own: the journal and its reversal are both in P21.</summary>
    public State Reversed { get; private set; } = null!;
    /// <summary>The payout failed before anything was posted; nothing is.</summary>
    public State PayoutFailed { get; private set; } = null!;
    /// <summary>The payout was canceled before anything was posted; nothing is.</summary>
    public State Canceled { get; private set; } = null!;

    public Event<StripePayoutReported> Reported { get; private set; } = null!;
    public Event<PayoutTransactionsListed> Listed { get; private set; } = null!;
    public Event<PayoutJournalPosted> JournalPosted { get; private set; } = null!;
    public Event<PayoutJournalReversed> JournalReversed { get; private set; } = null!;
    public Event<RerunPayoutReconciliation> Rerun { get; private set; } = null!;
    public Schedule<PayoutState, PayoutSettlementDue> SettlementDue { get; private set; } = null!;

    public Event<Fault<ListPayoutTransactions>> ListFaulted { get; private set; } = null!;
    public Event<Fault<PostPayoutJournal>> PostFaulted { get; private set; } = null!;
    public Event<Fault<ReversePayoutJournal>> ReverseFaulted { get; private set; } = null!;

    /// <summary>The next run: its balance transactions listed anew by the Stripe service; the settlement alert is no longer needed.</summary>
    EventActivityBinder<PayoutState, T> StartListing<T>(EventActivityBinder<PayoutState, T> binder)
        where T : class =>
        binder
            .Then(context =>
            {
                var saga = context.Saga;
                saga.Run++;
                saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                Logger.LogInformation("Payout {PayoutId} ({Amount} {Currency}, {Kind}) is settled; listing its balance transactions (run {Run})",
                    saga.PayoutId, Major(saga), saga.Currency, saga.Automatic ? "automatic" : "manual", saga.Run);
            })
            .Unschedule(SettlementDue)
            .Publish(context => new ListPayoutTransactions
            {
                CorrelationId = context.Saga.CorrelationId,
                PayoutId = context.Saga.PayoutId,
                Run = context.Saga.Run,
                AmountMinor = context.Saga.AmountMinor,
                Currency = context.Saga.Currency,
                Automatic = context.Saga.Automatic,
                ArrivalDate = Utc(context.Saga.ArrivalDate),
            })
            .TransitionTo(Listing);

    /// <summary>Failed or canceled before anything was posted: closed, nothing posted, the settlement alert no longer needed.</summary>
    EventActivityBinder<PayoutState, T> CloseUnposted<T>(EventActivityBinder<PayoutState, T> binder)
        where T : class =>
        binder
            .Then(context =>
            {
                var saga = context.Saga;
                saga.FailedStep = saga.FailureReason = null;
                saga.FailedAt = null;
                saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                Logger.LogInformation("Payout {PayoutId} ({Amount} {Currency}) is {Status} ({FailureCode}) before anything was posted; nothing is",
                    saga.PayoutId, Major(saga), saga.Currency, saga.Status, saga.FailureCode ?? saga.FailureMessage ?? "no failure code");
            })
            .Unschedule(SettlementDue)
            .IfElse(context => context.Saga.Status == PayoutStatuses.Canceled,
                canceled => canceled.TransitionTo(Canceled),
                failed => failed.TransitionTo(PayoutFailed));

    /// <summary>The payout's journal is in P21: the flow's documents announced; it rests in <c>Posted</c>, where a later failure still reverses it.</summary>
    EventActivityBinder<PayoutState, T> Complete<T>(EventActivityBinder<PayoutState, T> binder)
        where T : class =>
        binder
            .PublishFlowCompleted(context => Documents(context.Saga))
            .TransitionTo(Posted);

    /// <summary>The payout did not reach the bank after its journal was posted: the opposite journal, dated the day Stripe reported it.</summary>
    EventActivityBinder<PayoutState, T> Reverse<T>(EventActivityBinder<PayoutState, T> binder)
        where T : class =>
        binder
            .Then(context => Logger.LogInformation("Payout {PayoutId} is {Status} ({FailureCode}) after P21 journal {JournalNumber} was posted; reversing it",
                context.Saga.PayoutId, context.Saga.Status, context.Saga.FailureCode ?? "no failure code", context.Saga.JournalNumber))
            .Publish(context => new ReversePayoutJournal
            {
                CorrelationId = context.Saga.CorrelationId,
                PayoutId = context.Saga.PayoutId,
                JournalNumber = context.Saga.JournalNumber!,
                Currency = context.Saga.Currency,
                FailureCode = context.Saga.FailureCode,
                FailedAt = Utc(context.Saga.FailureReportedAt ?? context.Saga.LastReportedAt),
            })
            .TransitionTo(Reversing);

    /// <summary>
    /// Takes the snapshot unless it is older than the one taken (Stripe's <c>created</c> has seconds: on a tie the further one wins) or would
    /// undo a failure or cancellation. Bad input is refused before anything is kept: the report faults to its <c>_error</c> queue with the reason.
    /// </summary>
    void Take(PayoutState saga, StripePayoutReported report, bool first = false)
    {
        PayoutStatuses.Check(report);
        var reportedAt = report.ReportedAt.UtcDateTime;
        if (!first && (reportedAt < saga.LastReportedAt || reportedAt == saga.LastReportedAt && PayoutStatuses.Rank(report) < PayoutStatuses.Rank(saga)))
        {
            Logger.LogInformation("Payout {PayoutId}: {EventType} ({StripeEventId}, {Status} at {ReportedAt:O}) is older than the snapshot taken ({LastStatus} at {LastReportedAt:O}); nothing changes",
                saga.PayoutId, report.EventType, report.StripeEventId, report.Status, report.ReportedAt, saga.Status, Utc(saga.LastReportedAt));
            return;
        }
        if (!first && Ended(saga) && !PayoutStatuses.Ends(report.Status))
        {
            Logger.LogInformation("Payout {PayoutId}: {EventType} ({StripeEventId}) says {Status}, but the payout is {LastStatus}, which is never undone; nothing changes",
                saga.PayoutId, report.EventType, report.StripeEventId, report.Status, saga.Status);
            return;
        }
        if (!first && report.Status == saga.Status && report.ReconciliationStatus == saga.ReconciliationStatus)
            Logger.LogInformation("{Flow} {Subject} ({CorrelationId}) in state {State} already knows status {Status} ({EventType} {StripeEventId}); nothing done again",
                Flow, saga.Subject, saga.CorrelationId, saga.CurrentState, report.Status, report.EventType, report.StripeEventId);

        saga.AmountMinor = report.AmountMinor;
        saga.Currency = report.Currency.ToUpperInvariant();
        saga.Status = report.Status;
        saga.Automatic = report.Automatic;
        saga.ReconciliationStatus = report.ReconciliationStatus;
        saga.ArrivalDate = report.ArrivalDate.UtcDateTime;
        saga.Description = report.Description ?? saga.Description;
        saga.FailureCode = report.FailureCode ?? saga.FailureCode;
        saga.FailureMessage = report.FailureMessage ?? saga.FailureMessage;
        if (PayoutStatuses.Ends(report.Status))
            saga.FailureReportedAt ??= reportedAt;
        saga.LastReportedAt = reportedAt;
        saga.LastStripeEventId = report.StripeEventId;
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>The answer for the current run, in <c>Listing</c>, or in <c>Failed</c> when the listing is what failed (its redrive).</summary>
    bool AwaitsListing(BehaviorContext<PayoutState, PayoutTransactionsListed> context) =>
        context.Message.Run == context.Saga.Run
        && (context.Saga.CurrentState == Listing.Name
            || context.Saga.CurrentState == Failed.Name && context.Saga.FailedStep == nameof(ListPayoutTransactions));

    void TakeListing(PayoutState saga, PayoutTransactionsListed listed)
    {
        saga.Totals = JsonSerializer.Serialize(listed.Totals);
        saga.Flags = JsonSerializer.Serialize(listed.Flags.Take(PayoutFlagItem.MaxCarried).ToList());
        saga.FlagCount = Math.Max(listed.FlagCount, listed.Flags.Count);
        saga.ListedAt = listed.ListedAt.UtcDateTime;
        Logger.LogInformation("Payout {PayoutId}: run {Run} listed {Count} balance transaction(s) in {Pages} page(s), net {NetMinor} {Currency}, {FlagCount} flag(s)",
            saga.PayoutId, listed.Run, listed.Totals.Count, listed.Pages, listed.Totals.NetMinor, saga.Currency, saga.FlagCount);
    }

    void IgnoreListing(PayoutState saga, PayoutTransactionsListed listed) =>
        Logger.LogInformation("Payout {PayoutId}: the listing of run {ListedRun} is {What} (the flow is {State}, run {Run}); ignored",
            saga.PayoutId, listed.Run, listed.Run == saga.Run ? "already taken" : "stale", saga.CurrentState, saga.Run);

    void TakeJournal(PayoutState saga, PayoutJournalPosted posted)
    {
        saga.JournalNumber = posted.JournalNumber;
        saga.Period = posted.Period;
        saga.JournalLines = JsonSerializer.Serialize(posted.Lines);
        saga.Conversions = JsonSerializer.Serialize(posted.Conversions);
        saga.Fingerprint = posted.Fingerprint;
        saga.PostedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
        Logger.LogInformation("Payout {PayoutId} ({Amount} {Currency}): P21 journal {JournalNumber} in period {Period}, {Lines} line(s){Existing}",
            saga.PayoutId, Major(saga), saga.Currency, posted.JournalNumber, posted.Period, posted.Lines.Count,
            posted.AlreadyExisted ? " (found posted before)" : "");
    }

    void KnownJournal(PayoutState saga, PayoutJournalPosted posted)
    {
        if (posted.JournalNumber == saga.JournalNumber)
            Logger.LogInformation("Payout {PayoutId}: P21 journal {JournalNumber} is already known; nothing done again", saga.PayoutId, posted.JournalNumber);
        else
            Logger.LogWarning("Payout {PayoutId}: P21 reports journal {Reported}, but the payout's journal is {JournalNumber}; kept {JournalNumber}, look at P21",
                saga.PayoutId, posted.JournalNumber, saga.JournalNumber, saga.JournalNumber);
    }

    void KnownReversal(PayoutState saga, PayoutJournalReversed reversed) =>
        Logger.LogInformation("Payout {PayoutId}: reversal {ReversalJournalNumber} is already known ({Known}); nothing done again",
            saga.PayoutId, reversed.ReversalJournalNumber, saga.ReversalJournalNumber ?? "no journal to reverse");

    void AlreadyPosted(PayoutState saga, RerunPayoutReconciliation rerun) =>
        Logger.LogInformation("Payout {PayoutId}: re-run asked by {RequestedBy}, but P21 journal {JournalNumber} is already posted ({State}); nothing sent, a payout is never posted twice",
            saga.PayoutId, rerun.RequestedBy, saga.JournalNumber, saga.CurrentState);

    static bool Ended(PayoutState saga) => PayoutStatuses.Ends(saga.Status);

    /// <summary>Paid, and — when Stripe made it on its schedule — its balance transactions final.</summary>
    static bool Ready(PayoutState saga) =>
        saga.Status == PayoutStatuses.Paid && (!saga.Automatic || saga.ReconciliationStatus == PayoutStatuses.ReconciliationCompleted);

    DateTimeOffset ExpectedBy(PayoutState saga) => Utc(saga.ArrivalDate) + _options.Value.SettlementGrace;

    /// <summary>From now (the registered clock) until the alert is due; at once when that has passed.</summary>
    TimeSpan UntilExpected(PayoutState saga)
    {
        var wait = ExpectedBy(saga) - Clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    static string NotSettledReason(PayoutState saga) => saga.Status == PayoutStatuses.Paid
        ? $"paid, but Stripe has not completed its balance transactions (reconciliation_status {saga.ReconciliationStatus}): nothing can be reconciled yet"
        : $"still {saga.Status}: Stripe has not reported it paid";

    static Dictionary<string, string> Documents(PayoutState saga)
    {
        var documents = new Dictionary<string, string> { [FlowDocumentKeys.StripePayout] = saga.PayoutId };
        if (saga.JournalNumber is not null) documents[FlowDocumentKeys.P21Journal] = saga.JournalNumber;
        if (saga.ReversalJournalNumber is not null) documents[FlowDocumentKeys.P21ReversalJournal] = saga.ReversalJournalNumber;
        return documents;
    }

    static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>The payout's amount in major units, for the log (a controller reads 97.57 USD, not 9757).</summary>
    static string Major(PayoutState saga) =>
        MinorUnits.ToDecimal(saga.AmountMinor, saga.Currency).ToString("F" + CurrencyExponent.For(saga.Currency), CultureInfo.InvariantCulture);
}

/// <summary>Stripe's payout statuses as the flow weighs them (https://docs.stripe.com/api/payouts/object#payout_object-status).</summary>
static class PayoutStatuses
{
    public const string Paid = "paid";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
    public const string ReconciliationCompleted = "completed";

    static readonly string[] Statuses = ["pending", "in_transit", Paid, Failed, Canceled];
    static readonly string[] ReconciliationStatuses = ["not_applicable", "in_progress", ReconciliationCompleted];

    /// <summary>Failed or canceled: the money did not reach the bank, and Stripe never changes it back.</summary>
    public static bool Ends(string status) => status is Failed or Canceled;

    public static void Check(StripePayoutReported report)
    {
        if (!Statuses.Contains(report.Status))
            throw new ArgumentException($"'{report.Status}' is not a Stripe payout status this flow knows ({string.Join(", ", Statuses)}); payout {report.PayoutId}, event {report.StripeEventId}.");
        if (!ReconciliationStatuses.Contains(report.ReconciliationStatus))
            throw new ArgumentException($"'{report.ReconciliationStatus}' is not a Stripe reconciliation_status this flow knows ({string.Join(", ", ReconciliationStatuses)}); payout {report.PayoutId}, event {report.StripeEventId}.");
    }

    /// <summary>How far a payout has come: between two snapshots of the same second, the further one wins.</summary>
    public static int Rank(StripePayoutReported report) => Rank(report.Status, report.ReconciliationStatus);

    public static int Rank(PayoutState saga) => Rank(saga.Status, saga.ReconciliationStatus);

    /// <summary>pending, in_transit, paid, then failed and canceled alike; a completed reconciliation a half step further.</summary>
    static int Rank(string status, string reconciliation) =>
        2 * Math.Min(Array.IndexOf(Statuses, status), 3) + (reconciliation == ReconciliationCompleted ? 1 : 0);
}
