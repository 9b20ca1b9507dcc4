using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Sagas.Flows;

namespace Payments.Sagas.StripeSubscription;

/// <summary>
/// Stripe subscription: one instance per Stripe Billing subscription (<see cref="CorrelationKey.StripeSubscription"/>), started by the subscription
/// or by one of its invoices, whichever Stripe reports first. Subscription events are snapshots: an older one does not move the status, and a
/// canceled subscription is never made active again. Each invoice is an entry of its own (<see cref="SubscriptionInvoiceEntry"/>): a paid one is
/// read whole by the Stripe service (<c>DescribeSubscriptionInvoice</c>) and booked once by the P21 service (<c>PostSubscriptionInvoice</c>,
/// <c>FlowCompleted</c> per invoice); a failed payment raises <c>SubscriptionPaymentFailed</c> on every attempt and, when configured
/// (<see cref="StripeSubscriptionOptions.PaymentFailedAction"/>), one P21 action per attempt; a voided invoice books nothing. A step that fails
/// for good quarantines its invoice (<c>SubscriptionInvoiceQuarantined</c>) without touching the subscription's state; the redriven command's
/// answer resumes the entry. A canceled subscription publishes <c>SubscriptionCanceled</c> once and still books a late paid invoice. The saga
/// never calls an outside system.
/// </summary>
public class SubscriptionStateMachine : FlowStateMachine<SubscriptionState>
{
    static readonly string[] ActiveStatuses = ["incomplete", "trialing", "active"];
    static readonly string[] PastDueStatuses = ["past_due", "unpaid", "paused"];
    static readonly string[] CanceledStatuses = ["canceled", "incomplete_expired"];

    readonly IOptions<StripeSubscriptionOptions> _options;

    public SubscriptionStateMachine(TimeProvider clock, IOptions<StripeSubscriptionOptions> options, ILogger<SubscriptionStateMachine> logger)
        : base(FlowNames.StripeSubscription, clock, logger)
    {
        _options = options;

        Initially(
            Settle(When(SubscriptionReported)
                .StartFlow(m => CorrelationKey.StripeSubscription(m.SubscriptionId))
                .Then(context =>
                {
                    context.Saga.SubscriptionId = context.Message.SubscriptionId;
                    context.Saga.StripeCustomerId = context.Message.StripeCustomerId;
                    context.Saga.Currency = context.Message.Currency.ToUpperInvariant();
                    TakeSnapshot(context.Saga, context.Message);
                })),
            // An invoice may come before its subscription: the subscription is taken as active until a snapshot says otherwise.
            When(InvoiceReported)
                .StartFlow(m => CorrelationKey.StripeSubscription(m.SubscriptionId))
                .Then(context =>
                {
                    context.Saga.SubscriptionId = context.Message.SubscriptionId;
                    context.Saga.StripeCustomerId = context.Message.StripeCustomerId;
                    context.Saga.Currency = context.Message.Currency.ToUpperInvariant();
                })
                .ThenAsync(TakeInvoice)
                .TransitionTo(Active));

        During(Active, PastDue, Canceled,
            Settle(When(SubscriptionReported).Then(context => TakeSnapshot(context.Saga, context.Message))),
            When(InvoiceReported).ThenAsync(TakeInvoice),
            When(InvoiceDescribed).ThenAsync(TakeDescription),
            When(InvoicePosted, context => !AlreadyPosted(context))
                .Then(TakePosting)
                .PublishFlowCompleted(context => new Dictionary<string, string>
                {
                    [FlowDocumentKeys.StripeSubscription] = context.Saga.SubscriptionId,
                    [FlowDocumentKeys.StripeInvoice] = context.Message.InvoiceId,
                    [FlowDocumentKeys.P21SubscriptionDocument] = context.Message.DocumentNumber,
                }),
            When(InvoicePosted, context => AlreadyPosted(context))
                .Then(context => Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId} is posted already ({DocumentKind} {DocumentNumber}); nothing done again",
                    context.Saga.SubscriptionId, context.Message.InvoiceId, context.Message.DocumentKind, context.Message.DocumentNumber)),
            When(FailureRecorded)
                .Then(context => Logger.LogInformation("Subscription {SubscriptionId}: P21 {Action} for invoice {InvoiceId} on customer {P21CustomerId}{Already}",
                    context.Saga.SubscriptionId, context.Message.Action, context.Message.InvoiceId, context.Message.P21CustomerId,
                    context.Message.AlreadyRecorded ? " was recorded before" : " recorded")),
            When(DescribeFaulted).ThenAsync(context => QuarantineInvoice(context, context.Message.Message.InvoiceId, nameof(DescribeSubscriptionInvoice))),
            When(PostFaulted).ThenAsync(context => QuarantineInvoice(context, context.Message.Message.Invoice.InvoiceId, nameof(PostSubscriptionInvoice))),
            When(RecordFailureFaulted).Then(context =>
            {
                var saga = context.Saga;
                var command = context.Message.Message;
                var reason = $"{nameof(RecordSubscriptionPaymentFailure)}: {FaultReason.Describe(context.Message)}";
                UpdateEntry(saga, command.InvoiceId, entry => entry.Reason = reason);
                // The alert went out already; the P21 action waits in its fault queue.
                Logger.LogWarning("Subscription {SubscriptionId}: the P21 {Action} for invoice {InvoiceId} (attempt {AttemptCount}) failed: {Reason}; the alert went out, redrive the command once P21 takes it",
                    saga.SubscriptionId, command.Action, command.InvoiceId, command.AttemptCount, reason);
            }));
    }

    /// <summary>Incomplete, trialing or active.</summary>
    public State Active { get; private set; } = null!;
    /// <summary>Past due, unpaid or paused.</summary>
    public State PastDue { get; private set; } = null!;
    /// <summary>Canceled or expired incomplete; not final: a late paid invoice is still booked.</summary>
    public State Canceled { get; private set; } = null!;

    public Event<StripeSubscriptionReported> SubscriptionReported { get; private set; } = null!;
    public Event<StripeInvoiceReported> InvoiceReported { get; private set; } = null!;
    public Event<SubscriptionInvoiceDescribed> InvoiceDescribed { get; private set; } = null!;
    public Event<SubscriptionInvoicePosted> InvoicePosted { get; private set; } = null!;
    public Event<SubscriptionPaymentFailureRecorded> FailureRecorded { get; private set; } = null!;

    public Event<Fault<DescribeSubscriptionInvoice>> DescribeFaulted { get; private set; } = null!;
    public Event<Fault<PostSubscriptionInvoice>> PostFaulted { get; private set; } = null!;
    public Event<Fault<RecordSubscriptionPaymentFailure>> RecordFailureFaulted { get; private set; } = null!;

    /// <summary>The state the subscription's status says; entering <see cref="Canceled"/> publishes <c>SubscriptionCanceled</c> and <c>FlowCompleted</c>, once.</summary>
    EventActivityBinder<SubscriptionState, StripeSubscriptionReported> Settle(EventActivityBinder<SubscriptionState, StripeSubscriptionReported> binder) =>
        binder.IfElse(context => CanceledStatuses.Contains(context.Saga.Status),
            canceled => canceled.If(context => context.Saga.CurrentState != Canceled.Name,
                entering => entering
                    .Then(context => Logger.LogInformation("Subscription {SubscriptionId} of {StripeCustomerId} is {Status} ({Reason}); {InvoicesPosted} invoice(s) booked in P21",
                        context.Saga.SubscriptionId, context.Saga.StripeCustomerId, context.Saga.Status, context.Saga.CancellationReason ?? "no reason given",
                        context.Saga.InvoicesPosted))
                    .Publish(context => new SubscriptionCanceled
                    {
                        CorrelationId = context.Saga.CorrelationId,
                        SubscriptionId = context.Saga.SubscriptionId,
                        StripeCustomerId = context.Saga.StripeCustomerId,
                        Status = context.Saga.Status!,
                        CanceledAt = Utc(context.Saga.CanceledAt),
                        EndedAt = Utc(context.Saga.EndedAt),
                        CancellationReason = context.Saga.CancellationReason,
                        InvoicesPosted = context.Saga.InvoicesPosted,
                    })
                    .PublishFlowCompleted(context => new Dictionary<string, string> { [FlowDocumentKeys.StripeSubscription] = context.Saga.SubscriptionId })
                    .TransitionTo(Canceled)),
            open => open.IfElse(context => PastDueStatuses.Contains(context.Saga.Status),
                pastDue => pastDue.TransitionTo(PastDue),
                active => active.TransitionTo(Active)));

    /// <summary>
    /// Takes the snapshot unless it is older than the one taken (on a tie of Stripe's seconds the further status wins) or would make a canceled
    /// subscription live again. An unknown status is bad input: the report faults to its <c>_error</c> queue with the reason.
    /// </summary>
    void TakeSnapshot(SubscriptionState saga, StripeSubscriptionReported report)
    {
        if (Rank(report.Status) < 0)
            throw new ArgumentException($"Subscription {report.SubscriptionId}: status '{report.Status}' of {report.EventType} ({report.StripeEventId}) is not a Stripe subscription status "
                + $"(one of {string.Join(", ", ActiveStatuses.Concat(PastDueStatuses).Concat(CanceledStatuses))}).");
        var reportedAt = report.ReportedAt.UtcDateTime;
        if (saga.LastReportedAt is { } last && (reportedAt < last || reportedAt == last && Rank(report.Status) < Rank(saga.Status)))
        {
            Logger.LogInformation("Subscription {SubscriptionId}: {EventType} ({StripeEventId}, {Status} at {ReportedAt:O}) is older than the snapshot taken ({LastStatus} at {LastReportedAt:O}); the status stays",
                saga.SubscriptionId, report.EventType, report.StripeEventId, report.Status, report.ReportedAt, saga.Status, Utc(last));
            return;
        }
        if (CanceledStatuses.Contains(saga.Status) && !CanceledStatuses.Contains(report.Status))
        {
            Logger.LogInformation("Subscription {SubscriptionId}: {EventType} ({StripeEventId}) says {Status}, but the subscription is {LastStatus}, which Stripe never undoes; the status stays",
                saga.SubscriptionId, report.EventType, report.StripeEventId, report.Status, saga.Status);
            return;
        }
        saga.Status = report.Status;
        saga.StripeCustomerId = report.StripeCustomerId;
        saga.Currency = report.Currency.ToUpperInvariant();
        saga.Items = JsonSerializer.Serialize(report.Items);
        saga.CurrentPeriodStart = report.CurrentPeriodStart?.UtcDateTime;
        saga.CurrentPeriodEnd = report.CurrentPeriodEnd?.UtcDateTime;
        saga.CancelAtPeriodEnd = report.CancelAtPeriodEnd;
        saga.CanceledAt = report.CanceledAt?.UtcDateTime;
        saga.EndedAt = report.EndedAt?.UtcDateTime;
        saga.CancellationReason = report.CancellationComment is { Length: > 0 } comment
            ? $"{report.CancellationReason ?? "no reason"}: {comment}"
            : report.CancellationReason;
        saga.LastReportedAt = reportedAt;
        saga.LastStripeEventId = report.StripeEventId;
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>
    /// An invoice event: its entry follows Stripe's status (paid and void are never undone) and the event decides what happens: paid → read whole,
    /// once; payment failed → the alert, and the P21 action once per attempt; voided → nothing booked; finalized → open.
    /// </summary>
    async Task TakeInvoice(BehaviorContext<SubscriptionState, StripeInvoiceReported> context)
    {
        var saga = context.Saga;
        var report = context.Message;
        var entries = SubscriptionInvoiceEntry.Read(saga.Invoices);
        var entry = entries.Find(e => e.InvoiceId == report.InvoiceId);
        var waiting = entry is null || entry.Step is InvoiceSteps.Open or InvoiceSteps.PaymentFailed;
        if (entry is null)
        {
            entry = new SubscriptionInvoiceEntry { InvoiceId = report.InvoiceId, Status = report.Status, Currency = report.Currency.ToUpperInvariant(), Step = InvoiceSteps.Open };
            entries.Add(entry);
        }
        var now = Clock.GetUtcNow().UtcDateTime;
        if (!(entry.Status is "paid" or "void") || entry.Status == report.Status)
        {
            entry.Status = report.Status;
            entry.TotalMinor = report.TotalMinor;
            entry.AmountDueMinor = report.AmountDueMinor;
            entry.Currency = report.Currency.ToUpperInvariant();
            entry.BillingReason = report.BillingReason ?? entry.BillingReason;
        }
        entry.Number ??= report.Number;
        entry.AttemptCount = Math.Max(entry.AttemptCount, report.AttemptCount);
        entry.UpdatedAt = saga.UpdatedAt = now;

        if (report.Status == "paid")
        {
            if (waiting)
            {
                entry.Step = InvoiceSteps.Describing;
                entry.Reason = null;
                Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId} ({Number}, {Total} minor {Currency}, {BillingReason}) is paid; reading it whole to book it in P21",
                    saga.SubscriptionId, entry.InvoiceId, entry.Number, entry.TotalMinor, entry.Currency, entry.BillingReason);
                await context.Publish(new DescribeSubscriptionInvoice { CorrelationId = saga.CorrelationId, SubscriptionId = saga.SubscriptionId, InvoiceId = entry.InvoiceId });
            }
            else
                Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId} is {Step} already ({EventType} {StripeEventId}); nothing sent again",
                    saga.SubscriptionId, entry.InvoiceId, entry.Step, report.EventType, report.StripeEventId);
        }
        else if (report.Status == "void")
        {
            if (waiting) entry.Step = InvoiceSteps.Voided;
            Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId} is voided ({Step}); nothing is booked for it", saga.SubscriptionId, entry.InvoiceId, entry.Step);
        }
        else if (report.EventType == "invoice.payment_failed")
        {
            if (waiting)
                await PaymentFailed(context, entry);
            else
                Logger.LogInformation("Subscription {SubscriptionId}: {EventType} ({StripeEventId}) of invoice {InvoiceId} arrived after it was {Step}; nothing done",
                    saga.SubscriptionId, report.EventType, report.StripeEventId, entry.InvoiceId, entry.Step);
        }
        saga.Invoices = SubscriptionInvoiceEntry.Write(entries);
    }

    /// <summary>The alert on every failed attempt; the configured P21 action once per attempt.</summary>
    async Task PaymentFailed(BehaviorContext<SubscriptionState, StripeInvoiceReported> context, SubscriptionInvoiceEntry entry)
    {
        var saga = context.Saga;
        var report = context.Message;
        var action = _options.Value.PaymentFailedAction;
        entry.Step = InvoiceSteps.PaymentFailed;
        // A failed payment is the expected path of a renewal that bounced: the alert is the message, the log stays at information.
        Logger.LogInformation("Subscription {SubscriptionId}: payment of invoice {InvoiceId} ({AmountDue} minor {Currency}) failed, attempt {AttemptCount}: {FailureMessage}; next attempt {NextAttempt:O}; action {Action}",
            saga.SubscriptionId, entry.InvoiceId, report.AmountDueMinor, entry.Currency, report.AttemptCount, report.FailureMessage ?? "no reason given",
            report.NextPaymentAttempt, action);
        await context.Publish(new SubscriptionPaymentFailed
        {
            CorrelationId = saga.CorrelationId,
            SubscriptionId = saga.SubscriptionId,
            InvoiceId = entry.InvoiceId,
            StripeCustomerId = saga.StripeCustomerId,
            AmountDueMinor = report.AmountDueMinor,
            Currency = entry.Currency,
            AttemptCount = report.AttemptCount,
            NextPaymentAttempt = report.NextPaymentAttempt,
            FailureMessage = report.FailureMessage,
            Action = action,
        });
        if (action == StripeSubscriptionOptions.Alert || entry.FailureActions.Contains(report.AttemptCount))
            return;
        entry.FailureActions.Add(report.AttemptCount);
        await context.Publish(new RecordSubscriptionPaymentFailure
        {
            CorrelationId = saga.CorrelationId,
            SubscriptionId = saga.SubscriptionId,
            InvoiceId = entry.InvoiceId,
            StripeCustomerId = saga.StripeCustomerId,
            Action = action,
            AmountDueMinor = report.AmountDueMinor,
            Currency = entry.Currency,
            AttemptCount = report.AttemptCount,
            NextPaymentAttempt = report.NextPaymentAttempt,
            FailureMessage = report.FailureMessage,
        });
    }

    /// <summary>The invoice read whole: booked in P21 (also when it was quarantined: this is what its redriven read produced).</summary>
    async Task TakeDescription(BehaviorContext<SubscriptionState, SubscriptionInvoiceDescribed> context)
    {
        var saga = context.Saga;
        var invoice = context.Message.Invoice;
        var entries = SubscriptionInvoiceEntry.Read(saga.Invoices);
        var entry = entries.Find(e => e.InvoiceId == invoice.InvoiceId);
        if (entry is null || entry.Step is not (InvoiceSteps.Describing or InvoiceSteps.Quarantined))
        {
            Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId} was read, but it is {Step}; nothing sent",
                saga.SubscriptionId, invoice.InvoiceId, entry?.Step ?? "not known");
            return;
        }
        if (entry.Step == InvoiceSteps.Quarantined)
            Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId}, quarantined ({Reason}), was read again; booking it", saga.SubscriptionId, invoice.InvoiceId, entry.Reason);
        entry.Step = InvoiceSteps.Posting;
        entry.Reason = null;
        entry.Number ??= invoice.Number;
        entry.UpdatedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
        saga.Invoices = SubscriptionInvoiceEntry.Write(entries);
        Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId} has {Lines} line(s) ({Prorations} proration(s)); booking it in P21",
            saga.SubscriptionId, invoice.InvoiceId, invoice.Lines.Count, invoice.Lines.Count(l => l.Proration));
        await context.Publish(new PostSubscriptionInvoice { CorrelationId = saga.CorrelationId, Invoice = invoice });
    }

    bool AlreadyPosted(BehaviorContext<SubscriptionState, SubscriptionInvoicePosted> context) =>
        SubscriptionInvoiceEntry.Read(context.Saga.Invoices).Any(e => e.InvoiceId == context.Message.InvoiceId && e.Step == InvoiceSteps.Posted);

    /// <summary>P21 holds the document: the entry is posted (whatever step it was in: a redriven post that succeeded resumes a quarantined entry).</summary>
    void TakePosting(BehaviorContext<SubscriptionState, SubscriptionInvoicePosted> context)
    {
        var saga = context.Saga;
        var posted = context.Message;
        UpdateEntry(saga, posted.InvoiceId, entry =>
        {
            entry.Step = InvoiceSteps.Posted;
            entry.DocumentKind = posted.DocumentKind;
            entry.DocumentNumber = posted.DocumentNumber;
            entry.Reason = null;
        }, () => new SubscriptionInvoiceEntry { InvoiceId = posted.InvoiceId, Status = "paid", Currency = posted.Currency, TotalMinor = posted.TotalMinor, Step = InvoiceSteps.Posted });
        saga.InvoicesPosted++;
        Logger.LogInformation("Subscription {SubscriptionId}: invoice {InvoiceId} is P21 {DocumentKind} {DocumentNumber} for customer {P21CustomerId}, {Lines} line(s), {Total} minor {Currency}{Existing}",
            saga.SubscriptionId, posted.InvoiceId, posted.DocumentKind, posted.DocumentNumber, posted.P21CustomerId, posted.LineCount, posted.TotalMinor, posted.Currency,
            posted.AlreadyExisted ? " (found booked before)" : "");
    }

    /// <summary>A read or a booking failed for good: the invoice (not the subscription) is quarantined; one warning, one alert.</summary>
    async Task QuarantineInvoice<TCommand>(BehaviorContext<SubscriptionState, Fault<TCommand>> context, string invoiceId, string step)
        where TCommand : class
    {
        var saga = context.Saga;
        var reason = $"{step}: {FaultReason.Describe(context.Message)}";
        var posted = false;
        UpdateEntry(saga, invoiceId, entry =>
        {
            posted = entry.Step == InvoiceSteps.Posted;
            if (posted) return;
            entry.Step = InvoiceSteps.Quarantined;
            entry.Reason = reason;
        });
        if (posted)
        {
            Logger.LogInformation("Subscription {SubscriptionId}: {Step} of invoice {InvoiceId} failed, but the invoice is posted already; nothing to quarantine", saga.SubscriptionId, step, invoiceId);
            return;
        }
        Logger.LogWarning("Subscription {SubscriptionId}: invoice {InvoiceId} is quarantined: {Reason}. Map the item (payments items suggest) or fix P21, then redrive the command from its fault queue",
            saga.SubscriptionId, invoiceId, reason);
        await context.Publish(new SubscriptionInvoiceQuarantined
        {
            CorrelationId = saga.CorrelationId, SubscriptionId = saga.SubscriptionId, InvoiceId = invoiceId, Step = step, Reason = reason,
        });
    }

    void UpdateEntry(SubscriptionState saga, string invoiceId, Action<SubscriptionInvoiceEntry> update, Func<SubscriptionInvoiceEntry>? create = null)
    {
        var entries = SubscriptionInvoiceEntry.Read(saga.Invoices);
        var entry = entries.Find(e => e.InvoiceId == invoiceId);
        if (entry is null)
        {
            entry = create?.Invoke() ?? new SubscriptionInvoiceEntry { InvoiceId = invoiceId, Status = "open", Currency = saga.Currency, Step = InvoiceSteps.Open };
            entries.Add(entry);
        }
        update(entry);
        entry.UpdatedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
        saga.Invoices = SubscriptionInvoiceEntry.Write(entries);
    }

    /// <summary>How far along a status is: active, then past due, then ended; -1 for a status Stripe does not have.</summary>
    static int Rank(string? status) =>
        status is null ? 0
        : ActiveStatuses.Contains(status) ? 0
        : PastDueStatuses.Contains(status) ? 1
        : CanceledStatuses.Contains(status) ? 2
        : -1;

    static DateTimeOffset? Utc(DateTime? value) => value is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
}
