using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>P21's general ledger holds the journal that reverses the failed payout's.</summary>
[MessageUrn("Payments.PayoutReconciliation:PayoutJournalReversed")]
[EntityName("Payments.PayoutReconciliation:PayoutJournalReversed")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:PayoutJournalReversed--")]
public record PayoutJournalReversed : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required string ReversalJournalNumber { get; init; }
    public required bool AlreadyExisted { get; init; }
}
