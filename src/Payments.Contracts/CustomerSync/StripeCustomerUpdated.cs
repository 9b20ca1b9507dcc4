using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>The Stripe customer took the fields (its own <c>customer.updated</c> follows and changes nothing: the values are applied already).</summary>
[MessageUrn("Payments.CustomerSync:StripeCustomerUpdated")]
[EntityName("Payments.CustomerSync:StripeCustomerUpdated")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:StripeCustomerUpdated--")]
public record StripeCustomerUpdated : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required long Revision { get; init; }
    public IReadOnlyList<string> FieldsWritten { get; init; } = [];
    public IReadOnlyList<string> FieldsSkipped { get; init; } = [];
}
