using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>The Znode account is in step, or none was found for the customer (null <see cref="ZnodeUserId"/>: it stays unlinked in Znode).</summary>
[MessageUrn("Payments.CustomerSync:ZnodeAccountSynced")]
[EntityName("Payments.CustomerSync:ZnodeAccountSynced")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:ZnodeAccountSynced--")]
public record ZnodeAccountSynced : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    public int? ZnodeUserId { get; init; }
    /// <summary><c>link</c>, <c>email</c> or <c>none</c>.</summary>
    public required string MatchedBy { get; init; }
    public required long Revision { get; init; }
    public IReadOnlyList<string> FieldsWritten { get; init; } = [];
    public IReadOnlyList<string> FieldsSkipped { get; init; } = [];
}
