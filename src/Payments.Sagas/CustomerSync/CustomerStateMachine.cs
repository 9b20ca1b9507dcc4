using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Domain.Customers;
using Payments.Sagas.Flows;

namespace Payments.Sagas.CustomerSync;

/// <summary>
/// Customer sync: one instance per Stripe customer (<see cref="CorrelationKey.StripeCustomer"/>), whose row is the link record — who the customer
/// is in P21 and Znode, and every field with the system it came from and that system's stamp. Each report (Stripe's <c>customer.*</c> events,
/// a polled Znode account, what P21 holds after a write) is merged field by field with the domain's <see cref="CustomerMerge"/> under the
/// configured <see cref="FieldOwnership"/>: an older value or one from a system that does not own the field changes nothing, and what did
/// change is sent to the systems that keep it (<c>SyncP21Customer</c>, <c>SyncZnodeAccount</c>, <c>UpdateStripeCustomer</c>), each command
/// numbered by <see cref="CustomerState.Revision"/> so an adapter never lets an older command overwrite a newer one. The link itself changes
/// by metadata, a person (<c>LinkCustomer</c>), another flow (<c>P21CustomerLinked</c>) or an adapter's answer; every change is published
/// (<c>CustomerLinkChanged</c>) for the adapters' copies. A write that fails for good quarantines the customer (<c>CustomerQuarantined</c>)
/// until that system answers at that revision or later. A deleted Stripe customer is unlinked; nothing is deleted anywhere. The saga never
/// calls an outside system.
/// </summary>
public class CustomerStateMachine : FlowStateMachine<CustomerState>
{
    public const string P21 = nameof(CustomerSystem.P21);
    public const string Znode = nameof(CustomerSystem.Znode);
    public const string Stripe = nameof(CustomerSystem.Stripe);

    readonly IOptions<CustomerSyncOptions> _options;

    public CustomerStateMachine(TimeProvider clock, IOptions<CustomerSyncOptions> options, ILogger<CustomerStateMachine> logger)
        : base(FlowNames.CustomerSync, clock, logger)
    {
        _options = options;

        Initially(
            When(Reported)
                .StartFlow(m => CorrelationKey.StripeCustomer(m.StripeCustomerId))
                .Then(context => context.Saga.StripeCustomerId = context.Message.StripeCustomerId)
                .IfElse(context => context.Message.Deleted,
                    deleted => Unlink(deleted),
                    known => known.ThenAsync(TakeStripeReport).TransitionTo(Active)),
            When(LinkRequested)
                .StartFlow(m => CorrelationKey.StripeCustomer(m.StripeCustomerId))
                .Then(context => context.Saga.StripeCustomerId = context.Message.StripeCustomerId)
                .ThenAsync(TakeLink)
                .TransitionTo(Active),
            When(P21Linked)
                .StartFlow(m => CorrelationKey.StripeCustomer(m.StripeCustomerId))
                .Then(context => context.Saga.StripeCustomerId = context.Message.StripeCustomerId)
                .ThenAsync(TakeP21Link)
                .TransitionTo(Active));

        // Updates keep being merged and sent while a system is quarantined: a fix made at the source goes through with a higher revision.
        During(Active, Quarantined,
            Unlink(When(Reported, context => context.Message.Deleted)),
            When(Reported, context => !context.Message.Deleted).ThenAsync(TakeStripeReport),
            When(ZnodeReported).ThenAsync(TakeZnodeReport),
            When(LinkRequested).ThenAsync(TakeLink),
            When(P21Linked).ThenAsync(TakeP21Link),
            ResumeIfRedriven(When(P21Synced).Then(context => context.Saga.P21AnsweredRevision = Max(context.Saga.P21AnsweredRevision, context.Message.Revision))
                    .ThenAsync(TakeP21Synced), P21, m => m.Revision),
            ResumeIfRedriven(When(ZnodeSynced).Then(context => context.Saga.ZnodeAnsweredRevision = Max(context.Saga.ZnodeAnsweredRevision, context.Message.Revision))
                    .ThenAsync(TakeZnodeSynced), Znode, m => m.Revision),
            ResumeIfRedriven(When(StripeUpdated).Then(context => context.Saga.StripeAnsweredRevision = Max(context.Saga.StripeAnsweredRevision, context.Message.Revision))
                .Then(context => Logger.LogInformation(
                    "Customer {StripeCustomerId}: Stripe took revision {Revision} (written {Written}; skipped as newer there {Skipped})",
                    context.Saga.StripeCustomerId, context.Message.Revision, List(context.Message.FieldsWritten), List(context.Message.FieldsSkipped))),
                Stripe, m => m.Revision),
            Quarantine(When(P21SyncFaulted), P21, nameof(SyncP21Customer), m => m.Revision, s => s.P21AnsweredRevision),
            Quarantine(When(ZnodeSyncFaulted), Znode, nameof(SyncZnodeAccount), m => m.Revision, s => s.ZnodeAnsweredRevision),
            Quarantine(When(StripeUpdateFaulted), Stripe, nameof(UpdateStripeCustomer), m => m.Revision, s => s.StripeAnsweredRevision));

        // Deleted in Stripe: kept for history; whatever still arrives is acknowledged and changes nothing.
        During(Unlinked,
            Ignore(Reported, m => $"{m.EventType} ({m.StripeEventId})"),
            Ignore(ZnodeReported, m => $"Znode account {m.ZnodeUserId} modified {m.ModifiedAt:O}"),
            Ignore(LinkRequested, m => $"a link by {m.AcceptedBy}"),
            Ignore(P21Linked, m => $"P21 customer {m.P21CustomerId} found for {m.FoundFor ?? "a payment"}"),
            Ignore(P21Synced, m => $"P21's answer to revision {m.Revision}"),
            Ignore(ZnodeSynced, m => $"Znode's answer to revision {m.Revision}"),
            Ignore(StripeUpdated, m => $"Stripe's answer to revision {m.Revision}"),
            Ignore(P21SyncFaulted, m => $"the failure of SyncP21Customer revision {m.Message.Revision}"),
            Ignore(ZnodeSyncFaulted, m => $"the failure of SyncZnodeAccount revision {m.Message.Revision}"),
            Ignore(StripeUpdateFaulted, m => $"the failure of UpdateStripeCustomer revision {m.Message.Revision}"));
    }

    /// <summary>Linked (or being linked) and in step as far as the answers tell.</summary>
    public State Active { get; private set; } = null!;
    /// <summary>A write to one system failed for good: the command waits in its fault queue with the reason; updates still flow.</summary>
    public State Quarantined { get; private set; } = null!;
    /// <summary>The Stripe customer was deleted: the link is cleared, the ids stay in the row for history.</summary>
    public State Unlinked { get; private set; } = null!;

    public Event<StripeCustomerReported> Reported { get; private set; } = null!;
    public Event<ZnodeAccountReported> ZnodeReported { get; private set; } = null!;
    public Event<LinkCustomer> LinkRequested { get; private set; } = null!;
    public Event<P21CustomerLinked> P21Linked { get; private set; } = null!;
    public Event<P21CustomerSynced> P21Synced { get; private set; } = null!;
    public Event<ZnodeAccountSynced> ZnodeSynced { get; private set; } = null!;
    public Event<StripeCustomerUpdated> StripeUpdated { get; private set; } = null!;

    public Event<Fault<SyncP21Customer>> P21SyncFaulted { get; private set; } = null!;
    public Event<Fault<SyncZnodeAccount>> ZnodeSyncFaulted { get; private set; } = null!;
    public Event<Fault<UpdateStripeCustomer>> StripeUpdateFaulted { get; private set; } = null!;

    /// <summary>
    /// A Stripe report: link hints from its metadata, then the merge. The first report of the customer sends P21 and Znode every field they keep,
    /// so the customer is found (or created in P21) and linked; later ones send only what changed.
    /// </summary>
    async Task TakeStripeReport(BehaviorContext<CustomerState, StripeCustomerReported> context)
    {
        var saga = context.Saga;
        var report = context.Message;
        var first = saga.LastReportedAt is null;
        await TakeMetadataLinks(context);

        // The first report of a customer is news in every field, whatever it says changed: a saga started by a link or another flow has
        // never seen the customer's e-mail or address, and the record must hold them before P21 can take it whole.
        var update = new CustomerUpdate(CustomerSystem.Stripe, new SourceStamp(report.ReportedAt, null, report.StripeEventId), Fields(report.Fields, "Stripe report"),
            first ? null : report.ChangedFields?.Select(f => Field(f, "Stripe report's changed fields")).ToHashSet());
        var result = Merge(saga, update, $"{report.EventType} {report.StripeEventId}");
        var reportedAt = report.ReportedAt.UtcDateTime;
        if (saga.LastReportedAt is null || reportedAt >= saga.LastReportedAt)
        {
            saga.LastReportedAt = reportedAt;
            saga.LastStripeEventId = report.StripeEventId;
        }

        if (first)
        {
            var ownership = Ownership;
            await SendP21(context, saga, Kept(result.Record, ownership, CustomerSystem.P21));
            await SendZnode(context, saga, Kept(result.Record, ownership, CustomerSystem.Znode));
        }
        else
            await Send(context, saga, result);

        // Two of Stripe's reports in one second tie and were ordered by a fixed rule, not by time: what Stripe holds now settles it. A read
        // is stamped with its own time, later than both, so it cannot tie again with them; it is never read back itself.
        if (result.ReadBackAdvised && report.EventType != RereadStripeCustomer.ReportEventType)
        {
            var tied = string.Join(", ", result.Decisions.Where(d => d.TieBroken).Select(d => CustomerFields.Describe(d.Field)));
            Logger.LogInformation("Customer {StripeCustomerId}: {Fields} tied with an earlier report of the same second ({StripeEventId}); reading the customer from Stripe",
                saga.StripeCustomerId, tied, report.StripeEventId);
            await context.Publish(new RereadStripeCustomer
            {
                CorrelationId = saga.CorrelationId, StripeCustomerId = saga.StripeCustomerId, Revision = saga.Revision,
                Reason = $"{tied} of {report.StripeEventId} tied with an earlier report of {report.ReportedAt:yyyy-MM-dd HH:mm:ss}Z",
            });
        }
    }

    /// <summary>A polled Znode account (always a linked one): merged as a whole record stamped with its <c>ModifiedDate</c>.</summary>
    async Task TakeZnodeReport(BehaviorContext<CustomerState, ZnodeAccountReported> context)
    {
        var saga = context.Saga;
        var report = context.Message;
        if (saga.ZnodeUserId is { } linked && linked != report.ZnodeUserId)
        {
            Logger.LogWarning("Customer {StripeCustomerId} is linked to Znode user {ZnodeUserId}, but the Znode service reported user {ReportedUserId} for it; not merged, look at the link copy in the Znode service",
                saga.StripeCustomerId, linked, report.ZnodeUserId);
            return;
        }
        if (saga.ZnodeUserId is null)
            await Relink(context, saga, "link", () => saga.ZnodeUserId = report.ZnodeUserId);

        var result = Merge(saga, CustomerUpdate.Snapshot(CustomerSystem.Znode, new SourceStamp(report.ModifiedAt), Fields(report.Fields, "Znode report")),
            $"Znode account {report.ZnodeUserId} modified {report.ModifiedAt:O}");
        await Send(context, saga, result);
    }

    /// <summary>P21's answer: the customer it found or created, and what it holds now (P21-owned fields such as the credit terms land in the record).</summary>
    async Task TakeP21Synced(BehaviorContext<CustomerState, P21CustomerSynced> context)
    {
        var saga = context.Saga;
        var answer = context.Message;
        Logger.LogInformation("Customer {StripeCustomerId}: P21 customer {P21CustomerId} ({MatchedBy}{Created}) took revision {Revision} (written {Written}; skipped as newer there {Skipped})",
            saga.StripeCustomerId, answer.P21CustomerId?.ToString(CultureInfo.InvariantCulture) ?? "(none)", answer.MatchedBy, answer.Created ? ", created" : "",
            answer.Revision, List(answer.FieldsWritten), List(answer.FieldsSkipped));
        if (answer.P21CustomerId is { } id)
        {
            if (saga.P21CustomerId is null)
                await Relink(context, saga, answer.Created ? "created" : answer.MatchedBy, () => saga.P21CustomerId = id);
            else if (saga.P21CustomerId != id)
                Logger.LogWarning("Customer {StripeCustomerId} is linked to P21 customer {Linked}, but P21's answer names customer {Answered}; kept {Linked}, look at P21",
                    saga.StripeCustomerId, saga.P21CustomerId, id, saga.P21CustomerId);
        }
        if (answer.P21CustomerId is null || answer.Fields.Count == 0 || saga.P21CustomerId != answer.P21CustomerId)
            return;

        var stamp = new SourceStamp(answer.ModifiedAt ?? context.SentTime ?? Clock.GetUtcNow());
        var result = Merge(saga, CustomerUpdate.Snapshot(CustomerSystem.P21, stamp, Fields(answer.Fields, "P21's answer")),
            $"P21 customer {answer.P21CustomerId} after revision {answer.Revision}");
        await Send(context, saga, result);
    }

    async Task TakeZnodeSynced(BehaviorContext<CustomerState, ZnodeAccountSynced> context)
    {
        var saga = context.Saga;
        var answer = context.Message;
        Logger.LogInformation("Customer {StripeCustomerId}: Znode user {ZnodeUserId} ({MatchedBy}) took revision {Revision} (written {Written}; skipped as newer there {Skipped})",
            saga.StripeCustomerId, answer.ZnodeUserId?.ToString(CultureInfo.InvariantCulture) ?? "(none found)", answer.MatchedBy, answer.Revision,
            List(answer.FieldsWritten), List(answer.FieldsSkipped));
        if (answer.ZnodeUserId is not { } id)
            return;
        if (saga.ZnodeUserId is null)
            await Relink(context, saga, answer.MatchedBy, () => saga.ZnodeUserId = id);
        else if (saga.ZnodeUserId != id)
        {
            Logger.LogWarning("Customer {StripeCustomerId} is linked to Znode user {Linked}, but Znode's answer names user {Answered}; kept {Linked}, look at Znode",
                saga.StripeCustomerId, saga.ZnodeUserId, id, saga.ZnodeUserId);
            return;
        }

        // What Znode holds after our write, at Znode's stamp: the poller's read of it is then no news, and a late read of an older write is stale.
        if (answer.ModifiedAt is { } modifiedAt && answer.Fields.Count > 0)
            saga.Record = CustomerRecordJson.Write(CustomerMerge.Acknowledge(CustomerRecordJson.Read(saga.Record), CustomerSystem.Znode, new SourceStamp(modifiedAt),
                Fields(answer.Fields, "Znode's answer")));
    }

    /// <summary>A person accepted a link: it replaces what was linked before; a newly linked system gets the whole record.</summary>
    async Task TakeLink(BehaviorContext<CustomerState, LinkCustomer> context)
    {
        var saga = context.Saga;
        var link = context.Message;
        var newP21 = link.P21CustomerId is { } p21 && saga.P21CustomerId != p21;
        var newZnode = link.ZnodeUserId is { } znode && saga.ZnodeUserId != znode;
        if (!newP21 && !newZnode)
        {
            Logger.LogInformation("Customer {StripeCustomerId}: the link accepted by {AcceptedBy} is the one recorded (P21 {P21CustomerId}, Znode {ZnodeUserId}); nothing changes",
                saga.StripeCustomerId, link.AcceptedBy, saga.P21CustomerId, saga.ZnodeUserId);
            return;
        }
        Logger.LogInformation("Customer {StripeCustomerId}: {AcceptedBy} links P21 customer {P21CustomerId} (was {WasP21}) and Znode user {ZnodeUserId} (was {WasZnode}): {Reason}",
            saga.StripeCustomerId, link.AcceptedBy, link.P21CustomerId ?? saga.P21CustomerId, saga.P21CustomerId, link.ZnodeUserId ?? saga.ZnodeUserId, saga.ZnodeUserId,
            link.Reason ?? "no reason given");
        await Relink(context, saga, $"person:{link.AcceptedBy}", () =>
        {
            if (newP21) saga.P21CustomerId = link.P21CustomerId;
            if (newZnode) saga.ZnodeUserId = link.ZnodeUserId;
        }, link.AcceptedAt);

        var record = CustomerRecordJson.Read(saga.Record);
        if (record.AppliedFields.Count == 0)
            return;
        if (newP21) await SendP21(context, saga, Kept(record, Ownership, CustomerSystem.P21));
        if (newZnode) await SendZnode(context, saga, Kept(record, Ownership, CustomerSystem.Znode));
    }

    /// <summary>Another flow found the P21 customer: recorded unless a different one is linked already (only a person replaces a link).</summary>
    async Task TakeP21Link(BehaviorContext<CustomerState, P21CustomerLinked> context)
    {
        var saga = context.Saga;
        var link = context.Message;
        if (saga.P21CustomerId == link.P21CustomerId)
        {
            Logger.LogInformation("Customer {StripeCustomerId} is linked to P21 customer {P21CustomerId} already; nothing changes", saga.StripeCustomerId, link.P21CustomerId);
            return;
        }
        if (saga.P21CustomerId is { } linked)
        {
            Logger.LogWarning("Customer {StripeCustomerId} is linked to P21 customer {Linked}, but {FoundFor} found P21 customer {Found} ({MatchedBy}); kept {Linked} — a person relinks it with 'payments customers link' if {Found} is right",
                saga.StripeCustomerId, linked, link.FoundFor ?? "a payment", link.P21CustomerId, link.MatchedBy, linked, link.P21CustomerId);
            return;
        }
        await Relink(context, saga, link.MatchedBy, () => saga.P21CustomerId = link.P21CustomerId, link.LinkedAt);
        var record = CustomerRecordJson.Read(saga.Record);
        if (record.AppliedFields.Count > 0)
            await SendP21(context, saga, Kept(record, Ownership, CustomerSystem.P21));
    }

    /// <summary>Ids named in the Stripe customer's metadata link it at once, while nothing is linked for that system.</summary>
    async Task TakeMetadataLinks(BehaviorContext<CustomerState, StripeCustomerReported> context)
    {
        var saga = context.Saga;
        var metadata = context.Message.Metadata;
        long? p21 = null;
        int? znode = null;
        if (saga.P21CustomerId is null && metadata.TryGetValue("p21_customer_id", out var p21Text))
        {
            if (long.TryParse(p21Text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) p21 = id;
            else Logger.LogWarning("Customer {StripeCustomerId}: metadata p21_customer_id '{Value}' is not a P21 customer id; not linked by it", saga.StripeCustomerId, p21Text);
        }
        if (saga.ZnodeUserId is null && metadata.TryGetValue("znode_user_id", out var znodeText))
        {
            if (int.TryParse(znodeText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) znode = id;
            else Logger.LogWarning("Customer {StripeCustomerId}: metadata znode_user_id '{Value}' is not a Znode user id; not linked by it", saga.StripeCustomerId, znodeText);
        }
        if (p21 is null && znode is null)
            return;
        await Relink(context, saga, "metadata", () =>
        {
            saga.P21CustomerId ??= p21;
            saga.ZnodeUserId ??= znode;
        });
    }

    /// <summary>The link changes: a new <see cref="CustomerState.LinkVersion"/>, published for the adapters' copies.</summary>
    async Task Relink(ConsumeContext context, CustomerState saga, string linkedBy, Action change, DateTimeOffset? at = null)
    {
        change();
        saga.LinkVersion++;
        saga.LinkedBy = linkedBy;
        saga.LinkedAt = saga.UpdatedAt = (at ?? Clock.GetUtcNow()).UtcDateTime;
        Logger.LogInformation("Customer {StripeCustomerId} is linked to P21 customer {P21CustomerId} and Znode user {ZnodeUserId} (by {LinkedBy}, link version {LinkVersion})",
            saga.StripeCustomerId, saga.P21CustomerId, saga.ZnodeUserId, linkedBy, saga.LinkVersion);
        await context.Publish(LinkChanged(saga));
    }

    CustomerLinkChanged LinkChanged(CustomerState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        StripeCustomerId = saga.StripeCustomerId,
        P21CustomerId = saga.P21CustomerId,
        ZnodeUserId = saga.ZnodeUserId,
        Unlinked = saga.UnlinkedAt is not null,
        Version = saga.LinkVersion,
        ChangedAt = Clock.GetUtcNow(),
    };

    /// <summary>The Stripe customer is deleted: unlinked, the ids kept in the row; nothing is deleted in P21 or Znode.</summary>
    EventActivityBinder<CustomerState, StripeCustomerReported> Unlink(EventActivityBinder<CustomerState, StripeCustomerReported> binder) =>
        binder
            .Then(context =>
            {
                var saga = context.Saga;
                saga.UnlinkedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                saga.LinkVersion++;
                saga.LastStripeEventId = context.Message.StripeEventId;
                saga.LastReportedAt = context.Message.ReportedAt.UtcDateTime;
                Logger.LogInformation("Customer {StripeCustomerId} was deleted in Stripe ({StripeEventId}): unlinked from P21 customer {P21CustomerId} and Znode user {ZnodeUserId}, which stay as they are",
                    saga.StripeCustomerId, context.Message.StripeEventId, saga.P21CustomerId, saga.ZnodeUserId);
            })
            .Publish(context => LinkChanged(context.Saga))
            .TransitionTo(Unlinked);

    /// <summary>
    /// A write failed for good: the customer is quarantined with the system, step, reason and revision; one warning, one alert. A fault of a
    /// revision below the one that system last took (a redriven old command) says nothing about the customer as it stands: logged, ignored.
    /// </summary>
    EventActivityBinder<CustomerState, Fault<TCommand>> Quarantine<TCommand>(EventActivityBinder<CustomerState, Fault<TCommand>> binder, string system, string step,
        Func<TCommand, long> revision, Func<CustomerState, long?> answered)
        where TCommand : class =>
        binder.IfElse(context => answered(context.Saga) is { } took && revision(context.Message.Message) < took,
            stale => stale.Then(context => Logger.LogInformation(
                "Customer {StripeCustomerId}: {Step} revision {Revision} failed in {System}, which took revision {Answered} since; the old failure is ignored ({Reason})",
                context.Saga.StripeCustomerId, step, revision(context.Message.Message), system, answered(context.Saga), FaultReason.Describe(context.Message))),
            fresh => QuarantineNow(fresh, system, step, revision));

    EventActivityBinder<CustomerState, Fault<TCommand>> QuarantineNow<TCommand>(EventActivityBinder<CustomerState, Fault<TCommand>> binder, string system, string step,
        Func<TCommand, long> revision)
        where TCommand : class =>
        binder
            .Then(context =>
            {
                var saga = context.Saga;
                var failed = revision(context.Message.Message);
                saga.QuarantinedRevision = saga.QuarantinedSystem == system && saga.QuarantinedRevision > failed ? saga.QuarantinedRevision : failed;
                saga.QuarantinedSystem = system;
                saga.QuarantinedStep = saga.FailedStep = step;
                saga.QuarantineReason = saga.FailureReason = FaultReason.Describe(context.Message);
                saga.FailedAt = saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                Logger.LogWarning("Customer {StripeCustomerId} is quarantined: {Step} revision {Revision} failed in {System}: {Reason}. Fix the data at its source, or redrive the command from its fault queue",
                    saga.StripeCustomerId, step, failed, system, saga.QuarantineReason);
            })
            .Publish(context => new CustomerQuarantined
            {
                CorrelationId = context.Saga.CorrelationId,
                StripeCustomerId = context.Saga.StripeCustomerId,
                System = system,
                Step = step,
                Reason = context.Saga.QuarantineReason!,
                Revision = revision(context.Message.Message),
            })
            .TransitionTo(Quarantined);

    /// <summary>The quarantined system answered at the failed revision or later (a redrive, or a newer fix): back to <see cref="Active"/>.</summary>
    EventActivityBinder<CustomerState, T> ResumeIfRedriven<T>(EventActivityBinder<CustomerState, T> binder, string system, Func<T, long> revision)
        where T : class =>
        binder.If(context => context.Saga.QuarantinedSystem == system && revision(context.Message) >= context.Saga.QuarantinedRevision,
            resumed => resumed
                .Then(context =>
                {
                    var saga = context.Saga;
                    Logger.LogInformation("Customer {StripeCustomerId}: {System} took revision {Revision} (quarantined at {QuarantinedRevision} by {Step}); active again",
                        saga.StripeCustomerId, system, revision(context.Message), saga.QuarantinedRevision, saga.QuarantinedStep);
                    saga.QuarantinedSystem = saga.QuarantinedStep = saga.QuarantineReason = null;
                    saga.QuarantinedRevision = null;
                    saga.FailedStep = saga.FailureReason = null;
                    saga.FailedAt = null;
                    saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
                })
                .TransitionTo(Active));

    EventActivityBinder<CustomerState, T> Ignore<T>(Event<T> @event, Func<T, string> describe)
        where T : class =>
        When(@event).Then(context => Logger.LogInformation("Customer {StripeCustomerId} is unlinked (deleted in Stripe {UnlinkedAt:O}); {What} is ignored",
            context.Saga.StripeCustomerId, context.Saga.UnlinkedAt, describe(context.Message)));

    /// <summary>Merges <paramref name="update"/> into the stored record; keeps the record and the decisions; says what happened in one line.</summary>
    CustomerMergeResult Merge(CustomerState saga, CustomerUpdate update, string what)
    {
        var result = CustomerMerge.Apply(CustomerRecordJson.Read(saga.Record), update, Ownership);
        saga.Record = CustomerRecordJson.Write(result.Record);
        // An answer that only echoes what we wrote (every field unchanged, not changed there, or the applied value of a field owned elsewhere)
        // keeps the decisions of the merge that did something (applied, refused as stale, or a change by a system that does not own the
        // field): they are what the audit trail needs.
        if (result.Decisions.Any(d => d.Kind is FieldDecisionKind.Applied or FieldDecisionKind.Stale or FieldDecisionKind.LostTie
                || d.Kind == FieldDecisionKind.NotOwned && !string.Equals(d.From, d.To, StringComparison.Ordinal)))
            saga.LastDecisions = CustomerDecisionJson.Write(result.Decisions);
        saga.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
        var applied = result.Decisions.Where(d => d.Kind == FieldDecisionKind.Applied).Select(d => d.Field.ToString()).ToList();
        var stale = result.Decisions.Where(d => d.Kind == FieldDecisionKind.Stale).Select(d => d.Field.ToString()).ToList();
        var notOwned = result.Decisions.Where(d => d.Kind == FieldDecisionKind.NotOwned).Select(d => d.Field.ToString()).ToList();
        // An older report is an expected path (events arrive in any order): information, never a warning.
        Logger.LogInformation("Customer {StripeCustomerId}: {What} applied {Applied}; older than what is known {Stale}; owned elsewhere {NotOwned}{ReadBack}",
            saga.StripeCustomerId, what, List(applied), List(stale), List(notOwned),
            result.ReadBackAdvised ? "; a tie was broken by rule, reading the customer from its source settles it" : "");
        return result;
    }

    /// <summary>Each system with something to write gets its command, numbered by the next revision.</summary>
    async Task Send(ConsumeContext context, CustomerState saga, CustomerMergeResult result)
    {
        foreach (var changes in result.Changes)
        {
            var fields = changes.Fields.ToDictionary(f => f.Field, f => f.Value);
            switch (changes.Target)
            {
                case CustomerSystem.P21: await SendP21(context, saga, fields); break;
                case CustomerSystem.Znode: await SendZnode(context, saga, fields); break;
                case CustomerSystem.Stripe: await SendStripe(context, saga, fields); break;
            }
        }
    }

    async Task SendP21(ConsumeContext context, CustomerState saga, IReadOnlyDictionary<CustomerField, string?> fields) =>
        await context.Publish(new SyncP21Customer
        {
            CorrelationId = saga.CorrelationId,
            StripeCustomerId = saga.StripeCustomerId,
            P21CustomerId = saga.P21CustomerId,
            CreateIfMissing = _options.Value.CreateP21Customers,
            Fields = Wire(fields),
            Record = WholeRecord(saga),
            Revision = ++saga.Revision,
        });

    async Task SendZnode(ConsumeContext context, CustomerState saga, IReadOnlyDictionary<CustomerField, string?> fields) =>
        await context.Publish(new SyncZnodeAccount
        {
            CorrelationId = saga.CorrelationId,
            StripeCustomerId = saga.StripeCustomerId,
            ZnodeUserId = saga.ZnodeUserId,
            Fields = Wire(fields),
            Record = WholeRecord(saga),
            Revision = ++saga.Revision,
        });

    async Task SendStripe(ConsumeContext context, CustomerState saga, IReadOnlyDictionary<CustomerField, string?> fields)
    {
        var revision = ++saga.Revision;
        await context.Publish(new UpdateStripeCustomer
        {
            CorrelationId = saga.CorrelationId,
            StripeCustomerId = saga.StripeCustomerId,
            IdempotencyKey = $"customer-sync:{saga.StripeCustomerId}:r{revision}",
            Fields = Wire(fields),
            Record = WholeRecord(saga),
            Revision = revision,
        });
    }

    FieldOwnership Ownership => _options.Value.FieldOwnership();

    /// <summary>Every applied field <paramref name="system"/> keeps: what a system newly linked (or met for the first time) is given.</summary>
    static Dictionary<CustomerField, string?> Kept(CustomerRecord record, FieldOwnership ownership, CustomerSystem system) =>
        record.AppliedFields.Where(f => ownership.RuleFor(f.Key).Keepers.Contains(system)).ToDictionary(f => f.Key, f => f.Value.Value);

    static Dictionary<string, string?> WholeRecord(CustomerState saga) => Wire(CustomerRecordJson.Read(saga.Record).Values);

    static Dictionary<string, string?> Wire(IReadOnlyDictionary<CustomerField, string?> fields) =>
        fields.OrderBy(f => f.Key).ToDictionary(f => f.Key.ToString(), f => f.Value);

    /// <summary>A message's field map in domain terms; a key that is not one of <see cref="CustomerFieldNames"/> is bad input, refused with its name.</summary>
    static Dictionary<CustomerField, string?> Fields(IReadOnlyDictionary<string, string?> fields, string where) =>
        fields.ToDictionary(f => Field(f.Key, where), f => f.Value);

    static CustomerField Field(string name, string where) =>
        CustomerFieldNames.All.Contains(name) && Enum.TryParse<CustomerField>(name, out var field)
            ? field
            : throw new ArgumentException($"The {where} names field '{name}', which is not a customer field (one of {string.Join(", ", CustomerFieldNames.All)}).");

    static long Max(long? stored, long revision) => stored is { } s && s > revision ? s : revision;

    static string List(IReadOnlyCollection<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
