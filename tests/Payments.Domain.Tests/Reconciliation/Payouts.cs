using Payments.Domain.Reconciliation;

namespace Payments.Domain.Tests.Reconciliation;

/// <summary>Reconciles a payout from its pages as the flow will: an accumulator fed page by page, then one journal.</summary>
static class Payouts
{
    public static readonly DateOnly ArrivalDate = new(2026, 11, 30);

    public static StripePayout Automatic(long amount, string currency = "usd", string id = "po_1") => new(id, amount, currency, ArrivalDate, Automatic: true);

    public static PayoutJournal Reconcile(StripePayout payout, IReadOnlySet<string> chargesWithOrder, params IEnumerable<BalanceTransaction>[] pages)
    {
        var accumulator = new PayoutAccumulator(payout);
        foreach (var page in pages) accumulator.AddPage(page, chargesWithOrder);
        return PayoutJournalComposer.Compose(accumulator, GlAccounts.Chart);
    }

    public static IReadOnlySet<string> Orders(params string[] charges) => charges.ToHashSet(StringComparer.Ordinal);
}
