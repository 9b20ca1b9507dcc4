using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Alert: a payout does not reconcile (a mismatch, a transaction with no known order, a manual payout) and is not posted until a person resolves it.</summary>
[MessageUrn("Payments.PayoutReconciliation:PayoutReconciliationFlagged")]
[EntityName("Payments.PayoutReconciliation:PayoutReconciliationFlagged")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:PayoutReconciliationFlagged--")]
public record PayoutReconciliationFlagged : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required int Run { get; init; }
    /// <summary>At most <see cref="PayoutFlagItem.MaxCarried"/>.</summary>
    public required IReadOnlyList<PayoutFlagItem> Flags { get; init; } = [];
    public required int FlagCount { get; init; }
}
