using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>P21's general ledger holds the payout's journal (posted now, or found posted before by its reference).</summary>
[MessageUrn("Payments.PayoutReconciliation:PayoutJournalPosted")]
[EntityName("Payments.PayoutReconciliation:PayoutJournalPosted")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:PayoutJournalPosted--")]
public record PayoutJournalPosted : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required string JournalNumber { get; init; }
    public required bool AlreadyExisted { get; init; }
    /// <summary>The P21 period, <c>yyyy-pp</c> of the fiscal year.</summary>
    public required string Period { get; init; }
    public required IReadOnlyList<PayoutJournalLine> Lines { get; init; } = [];
    /// <summary>What was settled from other currencies, with the rates (empty when every charge was in the payout's currency).</summary>
    public required IReadOnlyList<PayoutCurrencyConversion> Conversions { get; init; } = [];
    /// <summary>Of the lines: the same totals always give the same fingerprint.</summary>
    public required string Fingerprint { get; init; }
}
