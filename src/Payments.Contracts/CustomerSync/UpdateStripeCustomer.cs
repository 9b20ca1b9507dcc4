using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>Write fields a Znode account changed to the Stripe customer (the address folded into Stripe's <c>address</c> object) with <see cref="IdempotencyKey"/>, so a redelivered command is one update in Stripe.</summary>
[MessageUrn("Payments.CustomerSync:UpdateStripeCustomer")]
[EntityName("Payments.CustomerSync:UpdateStripeCustomer")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:UpdateStripeCustomer--")]
public record UpdateStripeCustomer : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    /// <summary><c>customer-sync:{StripeCustomerId}:r{Revision}</c>: the same for every delivery of this command.</summary>
    public required string IdempotencyKey { get; init; }
    /// <summary>Only the fields to write, by <see cref="CustomerFieldNames"/> (null: clear it). A field the adapter wrote from a higher <see cref="Revision"/> is skipped: a redelivered or reordered older command never overwrites a newer value.</summary>
    public required IReadOnlyDictionary<string, string?> Fields { get; init; }
    /// <summary>The customer record as it now stands (every applied field), for creating or validating the whole record.</summary>
    public required IReadOnlyDictionary<string, string?> Record { get; init; }
    /// <summary>Increases with every change of the customer record; the adapter keeps the revision it wrote each field at.</summary>
    public required long Revision { get; init; }
}
