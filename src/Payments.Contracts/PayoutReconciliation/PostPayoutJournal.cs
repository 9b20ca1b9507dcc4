using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Post the payout's one balanced P21 GL journal: gross sales, refunds, disputes, each fee kind to its account, the net to the bank clearing account, by the configured account rules, in the period of the arrival date. At most once per payout.</summary>
[MessageUrn("Payments.PayoutReconciliation:PostPayoutJournal")]
[EntityName("Payments.PayoutReconciliation:PostPayoutJournal")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:PostPayoutJournal--")]
public record PostPayoutJournal : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public required DateTimeOffset ArrivalDate { get; init; }
    public required PayoutTotals Totals { get; init; }
}
