using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>The P21 customer is in step: which customer, how it was found, what was written and what P21 holds now (P21-owned fields such as the credit terms come back to the record this way).</summary>
[MessageUrn("Payments.CustomerSync:P21CustomerSynced")]
[EntityName("Payments.CustomerSync:P21CustomerSynced")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:P21CustomerSynced--")]
public record P21CustomerSynced : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    /// <summary>Null when none was found and creating is not allowed: the customer stays unlinked in P21.</summary>
    public long? P21CustomerId { get; init; }
    public required bool Created { get; init; }
    /// <summary><c>link</c>, <c>metadata</c>, <c>email</c>, <c>created</c> or <c>none</c>.</summary>
    public required string MatchedBy { get; init; }
    public required long Revision { get; init; }
    public IReadOnlyList<string> FieldsWritten { get; init; } = [];
    /// <summary>Fields skipped because a higher revision wrote them already.</summary>
    public IReadOnlyList<string> FieldsSkipped { get; init; } = [];
    /// <summary>The P21 customer's fields after the write, by <see cref="CustomerFieldNames"/>.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();
    /// <summary>P21's <c>date_last_modified</c> (UTC) when it gives one: the stamp of <see cref="Fields"/>.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}
