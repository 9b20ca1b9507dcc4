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
    /// <summary>
    /// The written fields as Znode holds them after the write (those read back with the value written), by <see cref="CustomerFieldNames"/>:
    /// what the account poller will report of them, so the saga knows its own write when it comes back.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
    /// <summary>The account's modified date (UTC) after the write, as the poller reports it: the stamp of <see cref="Fields"/>.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}
