using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>Bring the Znode account in step: the linked user, else the one with the customer's e-mail; write only the given fields (address fields to its default billing address). Znode accounts are never created or deleted here.</summary>
[MessageUrn("Payments.CustomerSync:SyncZnodeAccount")]
[EntityName("Payments.CustomerSync:SyncZnodeAccount")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:SyncZnodeAccount--")]
public record SyncZnodeAccount : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    /// <summary>Linked already; null to find by e-mail.</summary>
    public int? ZnodeUserId { get; init; }
    /// <summary>Only the fields to write, by <see cref="CustomerFieldNames"/> (null: clear it). A field the adapter wrote from a higher <see cref="Revision"/> is skipped: a redelivered or reordered older command never overwrites a newer value.</summary>
    public required IReadOnlyDictionary<string, string?> Fields { get; init; }
    /// <summary>The customer record as it now stands (every applied field), for creating or validating the whole record.</summary>
    public required IReadOnlyDictionary<string, string?> Record { get; init; }
    /// <summary>Increases with every change of the customer record; the adapter keeps the revision it wrote each field at.</summary>
    public required long Revision { get; init; }
}
