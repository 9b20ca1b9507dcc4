using Payments.Contracts.PayoutReconciliation;
using Payments.Domain.Reconciliation;

namespace Payments.StripeService.PayoutReconciliation;

/// <summary>
/// What listing a payout came to: the totals (<see cref="State"/>), every flag, the pages read and when the listing ended;
/// <see cref="Complete"/> is false when it stopped early (<see cref="PayoutTransactions.ListAsync"/>'s page limit).
/// </summary>
public sealed record PayoutListingResult(PayoutAccumulatorState State, IReadOnlyList<PayoutFlag> Flags, int Pages, DateTimeOffset ListedAt, bool Complete)
{
    /// <summary>The totals as the contract carries them: gross per (category, type, original currency), fees per kind.</summary>
    public PayoutTotals Totals => new()
    {
        Count = State.Count,
        NetMinor = State.NetMinor,
        OwnTransactionAmountMinor = State.OwnTransactionAmountMinor,
        Gross = [.. State.Gross.Select(g => new PayoutGrossTotal
        {
            Category = g.Category.Name(), Type = g.Type, Currency = g.Currency, SettlementMinor = g.SettlementMinor, OriginalMinor = g.OriginalMinor,
            Count = g.Count, ConvertedCount = g.ConvertedCount, MinRate = g.MinRate, MaxRate = g.MaxRate,
        })],
        Fees = new Dictionary<string, long>(State.Fees, StringComparer.Ordinal),
        LastTransactionId = State.LastTransactionId,
    };

    /// <summary>The flags a message carries: at most <see cref="PayoutFlagItem.MaxCarried"/>; <see cref="Flags"/>' count says how many there are.</summary>
    public IReadOnlyList<PayoutFlagItem> CarriedFlags =>
    [
        .. Flags.Take(PayoutFlagItem.MaxCarried).Select(f => new PayoutFlagItem
        {
            Kind = f.Kind.ToString(), Reason = f.Reason, BalanceTransactionId = f.BalanceTransactionId, ChargeId = f.ChargeId,
        }),
    ];
}
