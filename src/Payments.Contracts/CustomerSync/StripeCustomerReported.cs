using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>Stripe reported a customer (<c>customer.created</c>, <c>customer.updated</c>, <c>customer.deleted</c>): its fields as they are now, which of them the update changed, and the ids of the other systems its metadata names. Snapshot-driven: an older report never overwrites a newer field.</summary>
[MessageUrn("Payments.CustomerSync:StripeCustomerReported")]
[EntityName("Payments.CustomerSync:StripeCustomerReported")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:StripeCustomerReported--")]
public record StripeCustomerReported : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required string StripeEventId { get; init; }
    public required string EventType { get; init; }
    /// <summary><c>customer.deleted</c>: the link is cleared; nothing is deleted in P21 or Znode.</summary>
    public required bool Deleted { get; init; }
    /// <summary>The customer's fields by <see cref="CustomerFieldNames"/> (a field absent is not spoken of; null is cleared). The address is Stripe's <c>address</c> split into its parts.</summary>
    public required IReadOnlyDictionary<string, string?> Fields { get; init; }
    /// <summary>Of <c>customer.updated</c>: the fields named by <c>data.previous_attributes</c>; null for a created or deleted customer (every field is news).</summary>
    public IReadOnlyList<string>? ChangedFields { get; init; }
    /// <summary>The customer's metadata: <c>p21_customer_id</c> and <c>znode_user_id</c> link it at once.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>The customer's <c>created</c>.</summary>
    public required DateTimeOffset CustomerCreatedAt { get; init; }
    /// <summary>The event's <c>created</c>: the stamp every field of this report carries.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
