using Payments.Sagas.Flows;

namespace Payments.Sagas.CustomerSync;

/// <summary>
/// One Stripe customer and what it is in P21 and Znode: the row is the link record. The columns are read by the CLI
/// (<c>payments customers show</c>) and the console; JSON columns are System.Text.Json with its default (PascalCase) names
/// (<see cref="CustomerRecordJson"/>, <see cref="CustomerDecisionJson"/>).
/// </summary>
public class CustomerState : FlowState
{
    public string StripeCustomerId { get; set; } = null!;
    public long? P21CustomerId { get; set; }
    public int? ZnodeUserId { get; set; }

    /// <summary>JSON of the domain <c>CustomerRecord</c>: <c>{ Applied: [{Field, Value, Source, At, Version, Reference}], Seen: [{System, Field, Value, At, Version, Reference}] }</c>.</summary>
    public string Record { get; set; } = CustomerRecordJson.Empty;
    /// <summary>+1 for every command that writes fields; the adapters keep the revision they wrote each field at, so an older command never overwrites.</summary>
    public long Revision { get; set; }

    /// <summary>+1 on each change of the link (an id set or replaced, unlinked): orders the adapters' copies (<c>CustomerLinkChanged.Version</c>).</summary>
    public long LinkVersion { get; set; }
    /// <summary><c>metadata</c>, <c>email</c>, <c>created</c>, <c>link</c> or <c>person:&lt;name&gt;</c>: how the last link was made.</summary>
    public string? LinkedBy { get; set; }
    public DateTime? LinkedAt { get; set; }
    /// <summary>The Stripe customer was deleted: the ids stay for history, nothing is written any more.</summary>
    public DateTime? UnlinkedAt { get; set; }

    public string? LastStripeEventId { get; set; }
    /// <summary>The newest Stripe report's event time; null until Stripe reported the customer (the first report writes the whole record).</summary>
    public DateTime? LastReportedAt { get; set; }

    /// <summary><c>P21</c>, <c>Znode</c> or <c>Stripe</c>: the system whose write failed for good; null when none is quarantined.</summary>
    public string? QuarantinedSystem { get; set; }
    public string? QuarantinedStep { get; set; }
    public string? QuarantineReason { get; set; }
    /// <summary>The revision of the failed command: an answer of that system at this revision or later (a redrive, or a newer fix) ends the quarantine.</summary>
    public long? QuarantinedRevision { get; set; }

    /// <summary>
    /// The highest revision each system answered successfully: a fault of a lower revision (an old command redriven, or a late fault of one
    /// a later revision overtook) is no news about the customer as it stands, and does not quarantine it.
    /// </summary>
    public long? P21AnsweredRevision { get; set; }
    public long? ZnodeAnsweredRevision { get; set; }
    public long? StripeAnsweredRevision { get; set; }

    /// <summary>
    /// JSON list of the last merge's <c>{Field, Kind, From, To, Reason}</c>, for the audit trail: the last merge that applied a field or found one
    /// stale (an answer that only echoes our own write does not replace it).
    /// </summary>
    public string LastDecisions { get; set; } = "[]";
}
