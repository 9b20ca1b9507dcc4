using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>The link record changed (linked, relinked, unlinked): the adapters keep a copy of it (their <c>CustomerLink</c> table) so they resolve a customer without calling the saga. <see cref="Version"/> orders copies: an older one never replaces a newer.</summary>
[MessageUrn("Payments.CustomerSync:CustomerLinkChanged")]
[EntityName("Payments.CustomerSync:CustomerLinkChanged")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:CustomerLinkChanged--")]
public record CustomerLinkChanged : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    public long? P21CustomerId { get; init; }
    public int? ZnodeUserId { get; init; }
    /// <summary>The Stripe customer was deleted: the link is cleared (the P21 customer and Znode account stay).</summary>
    public required bool Unlinked { get; init; }
    public required long Version { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
