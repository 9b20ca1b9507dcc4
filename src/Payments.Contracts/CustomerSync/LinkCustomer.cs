using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>A person accepted a link (from <c>payments customers suggest-links</c>, or set by hand): this Stripe customer is this P21 customer and/or this Znode account. The link record is the one place that says who is who.</summary>
[MessageUrn("Payments.CustomerSync:LinkCustomer")]
[EntityName("Payments.CustomerSync:LinkCustomer")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:LinkCustomer--")]
public record LinkCustomer : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    public long? P21CustomerId { get; init; }
    public int? ZnodeUserId { get; init; }
    /// <summary>Who accepted it, and why (the suggestion's score and reasons), for the audit trail.</summary>
    public required string AcceptedBy { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }
}
