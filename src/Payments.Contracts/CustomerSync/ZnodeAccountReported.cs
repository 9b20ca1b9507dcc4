using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>The Znode service saw a Znode account created or changed (polled by <c>ModifiedDate</c>, or pushed by Znode 10) that is linked to a Stripe customer: the account as it is now. Unlinked accounts are not reported; a person links them (suggest-links).</summary>
[MessageUrn("Payments.CustomerSync:ZnodeAccountReported")]
[EntityName("Payments.CustomerSync:ZnodeAccountReported")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:ZnodeAccountReported--")]
public record ZnodeAccountReported : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    public required int ZnodeUserId { get; init; }
    /// <summary>The account's fields by <see cref="CustomerFieldNames"/>; the address is its default billing address.</summary>
    public required IReadOnlyDictionary<string, string?> Fields { get; init; }
    /// <summary>Znode's <c>ModifiedDate</c> (in UTC): the stamp of every field of this report.</summary>
    public required DateTimeOffset ModifiedAt { get; init; }
    /// <summary>Znode's <c>CreatedDate</c> equals the modified date: a new account.</summary>
    public bool Created { get; init; }
}
