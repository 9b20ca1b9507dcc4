using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>List the payout's balance transactions page by page (Stripe's <c>payout</c> filter, sources expanded), keep each one with the charge, P21 document and Znode order it ties to, and report the totals. A higher <see cref="Run"/> starts over (a re-run after a missing order landed); a redelivery of the same run resumes from the cursor it reached.</summary>
[MessageUrn("Payments.PayoutReconciliation:ListPayoutTransactions")]
[EntityName("Payments.PayoutReconciliation:ListPayoutTransactions")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:ListPayoutTransactions--")]
public record ListPayoutTransactions : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    /// <summary>1 for the first listing; each re-run asks for the next number.</summary>
    public required int Run { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public required bool Automatic { get; init; }
    public required DateTimeOffset ArrivalDate { get; init; }
}
