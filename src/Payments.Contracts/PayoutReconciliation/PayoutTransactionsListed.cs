using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Every balance transaction of the payout was read and kept (one row each, in the Stripe service's database); these are their totals and the flags that stop the payout from being posted. The list itself never travels in a message.</summary>
[MessageUrn("Payments.PayoutReconciliation:PayoutTransactionsListed")]
[EntityName("Payments.PayoutReconciliation:PayoutTransactionsListed")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:PayoutTransactionsListed--")]
public record PayoutTransactionsListed : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required int Run { get; init; }
    public required PayoutTotals Totals { get; init; }
    /// <summary>Every reason the payout does not reconcile, at most <see cref="PayoutFlagItem.MaxCarried"/>; empty when it can be posted.</summary>
    public required IReadOnlyList<PayoutFlagItem> Flags { get; init; } = [];
    /// <summary>How many flags there are in all (more than <see cref="Flags"/> holds when many charges lack an order).</summary>
    public required int FlagCount { get; init; }
    public required int Pages { get; init; }
    public required DateTimeOffset ListedAt { get; init; }
}
