using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>Another flow (charge-to-order) found or created the P21 customer of a Stripe customer: the customer saga records the link, so every later flow finds the same customer.</summary>
[MessageUrn("Payments.CustomerSync:P21CustomerLinked")]
[EntityName("Payments.CustomerSync:P21CustomerLinked")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:P21CustomerLinked--")]
public record P21CustomerLinked : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required long P21CustomerId { get; init; }
    /// <summary><c>metadata</c>, <c>email</c>, <c>created</c> or <c>link</c>.</summary>
    public required string MatchedBy { get; init; }
    /// <summary>The payment that found it (charge id or Znode order), for the audit trail.</summary>
    public string? FoundFor { get; init; }
    public required DateTimeOffset LinkedAt { get; init; }
}
