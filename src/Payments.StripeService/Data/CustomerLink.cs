namespace Payments.StripeService.Data;

/// <summary>
/// This service's copy of a customer's link record (the customer-sync saga owns the record and publishes <c>CustomerLinkChanged</c>),
/// so the service finds the Stripe customer of a Znode user without asking the saga; plus the revision at which this service last
/// wrote each field of the Stripe customer, so an older sync command never overwrites a newer value.
/// </summary>
public sealed class CustomerLink
{
    public required string StripeCustomerId { get; set; }
    public long? P21CustomerId { get; set; }
    public int? ZnodeUserId { get; set; }
    /// <summary>The Stripe customer was deleted: the ids stay for history, the link no longer resolves.</summary>
    public bool Unlinked { get; set; }
    /// <summary>The link's version as the saga numbered it (0: no link copy yet, only field revisions); an older copy never replaces a newer.</summary>
    public long Version { get; set; }
    public DateTime ChangedAt { get; set; }
    /// <summary>JSON <c>{ "&lt;field&gt;": &lt;revision&gt; }</c>: the revision this service last wrote each field at.</summary>
    public string FieldRevisions { get; set; } = "{}";
}
