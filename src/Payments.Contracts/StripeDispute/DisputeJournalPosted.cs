using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>P21's ledger holds the dispute journal of one balance transaction.</summary>
[MessageUrn("Payments.StripeDispute:DisputeJournalPosted")]
[EntityName("Payments.StripeDispute:DisputeJournalPosted")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:DisputeJournalPosted--")]
public record DisputeJournalPosted : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string BalanceTransactionId { get; init; }
    public required string Kind { get; init; }
    public required string JournalReference { get; init; }
}
