namespace Payments.P21Service.Data;

/// <summary>
/// This service's copy of a customer's link record (src/Payments.P21Service/README.md#customers-and-subscriptions): which P21 customer a Stripe customer is, kept from
/// <c>CustomerLinkChanged</c> so the service resolves a customer without calling the saga, and the revision each field was last
/// written at, so an older sync command never overwrites a newer value.
/// </summary>
public sealed class CustomerLink
{
    public required string StripeCustomerId { get; set; }
    public long? P21CustomerId { get; set; }
    public int? ZnodeUserId { get; set; }
    public bool Unlinked { get; set; }
    /// <summary>The link record's version this copy holds (0: only field revisions were written, no link message seen yet).</summary>
    public long Version { get; set; }
    public DateTime ChangedAt { get; set; }
    /// <summary>JSON <c>{ "&lt;field&gt;": &lt;revision&gt; }</c>: the revision this service last wrote each field at.</summary>
    public string FieldRevisions { get; set; } = "{}";
}
