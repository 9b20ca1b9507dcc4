namespace Payments.ZnodeService.Data;

/// <summary>
/// This service's copy of a customer-sync link record: which Znode user belongs to which Stripe customer, kept
/// from <c>CustomerLinkChanged</c> (a copy with a higher <see cref="Version"/> replaces it, an older one never does), and the
/// revision at which this service last wrote each field to Znode (<see cref="FieldRevisions"/>), so an older sync command never
/// overwrites a newer value.
/// </summary>
public sealed class CustomerLink
{
    public required string StripeCustomerId { get; init; }
    public long? P21CustomerId { get; set; }
    public int? ZnodeUserId { get; set; }
    public bool Unlinked { get; set; }
    /// <summary>The link record's <c>LinkVersion</c>; 0 for a row a sync command made before any copy arrived.</summary>
    public long Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>JSON <c>{ "&lt;field&gt;": &lt;revision&gt; }</c>.</summary>
    public string FieldRevisions { get; set; } = "{}";
}

/// <summary>The last <c>ModifiedDate</c> (UTC) of a Znode account reported as <c>ZnodeAccountReported</c>: an account is reported once per change.</summary>
public sealed class ReportedAccount
{
    public required int ZnodeUserId { get; init; }
    public DateTime ModifiedAtUtc { get; set; }
    public DateTime ReportedAtUtc { get; set; }
}
