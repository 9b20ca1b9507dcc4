namespace Payments.Cli.CustomerSync;

/// <summary>
/// The columns of the customer-sync saga's row (table <c>CustomerState</c> in the sagas' database, pinned by docs/customer-sync.md) that
/// <c>payments customers</c> reads: the row is the link record. JSON columns stay text here.
/// </summary>
public sealed class CustomerStateRow
{
    public string StripeCustomerId { get; set; } = "";
    public string CurrentState { get; set; } = "";
    public long? P21CustomerId { get; set; }
    public int? ZnodeUserId { get; set; }
    /// <summary>JSON of the domain's <c>CustomerRecord</c>: <c>Applied</c> and <c>Seen</c> lists.</summary>
    public string? Record { get; set; }
    public long Revision { get; set; }
    public long LinkVersion { get; set; }
    /// <summary><c>metadata</c>, <c>email</c>, <c>created</c>, <c>link</c> or <c>person:&lt;name&gt;</c>.</summary>
    public string? LinkedBy { get; set; }
    public DateTime? LinkedAt { get; set; }
    public DateTime? UnlinkedAt { get; set; }
    public DateTime? LastReportedAt { get; set; }
    public string? QuarantinedSystem { get; set; }
    public string? QuarantinedStep { get; set; }
    public string? QuarantineReason { get; set; }
    /// <summary>JSON list of the last merge's <c>{Field, Kind, From, To, Reason}</c>.</summary>
    public string? LastDecisions { get; set; }
    public DateTime UpdatedAt { get; set; }
}
