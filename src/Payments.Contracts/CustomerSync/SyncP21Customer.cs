using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>Bring the P21 customer in step: find it (the link, else the e-mail) or, when allowed, create it; validate the whole record against what P21 accepts before writing anything; write only the given fields. Bad data is a permanent failure with P21's reasons (the command's fault queue; redriven after the data is fixed).</summary>
[MessageUrn("Payments.CustomerSync:SyncP21Customer")]
[EntityName("Payments.CustomerSync:SyncP21Customer")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:SyncP21Customer--")]
public record SyncP21Customer : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    /// <summary>Linked already; null to find by e-mail or create.</summary>
    public long? P21CustomerId { get; init; }
    /// <summary>No P21 customer found: create one from <see cref="Record"/> (configurable, <c>CustomerSync:CreateP21Customers</c>).</summary>
    public required bool CreateIfMissing { get; init; }
    /// <summary>Only the fields to write, by <see cref="CustomerFieldNames"/> (null: clear it). A field the adapter wrote from a higher <see cref="Revision"/> is skipped: a redelivered or reordered older command never overwrites a newer value.</summary>
    public required IReadOnlyDictionary<string, string?> Fields { get; init; }
    /// <summary>The customer record as it now stands (every applied field), for creating or validating the whole record.</summary>
    public required IReadOnlyDictionary<string, string?> Record { get; init; }
    /// <summary>Increases with every change of the customer record; the adapter keeps the revision it wrote each field at.</summary>
    public required long Revision { get; init; }
}
