using Payments.Domain.P21;

namespace Payments.Domain.Reconciliation;

/// <summary>
/// One payout's P21 GL journal and what a controller reads beside it: the lines (sales, refunds, disputes, each fee kind,
/// the net to the bank clearing account) in the settlement currency, the period of the arrival date, totals by category
/// and fee kind, the currencies converted, every flag, and a fingerprint of the lines so a replay is recognised.
/// </summary>
public sealed record PayoutJournal(
    string PayoutId,
    string Currency,
    DateOnly ArrivalDate,
    GlPeriod Period,
    IReadOnlyList<GlJournalLine> Lines,
    IReadOnlyDictionary<TransactionCategory, decimal> GrossByCategory,
    IReadOnlyDictionary<string, decimal> FeesByKind,
    decimal Net,
    IReadOnlyList<CurrencyConversion> Conversions,
    IReadOnlyList<PayoutFlag> Flags,
    string Fingerprint)
{
    public bool IsBalanced => GlJournal.IsBalanced(Lines);

    /// <summary>Posted only when nothing is flagged: a flagged payout waits for a person, never for a plug line.</summary>
    public bool CanPost => Flags.Count == 0 && IsBalanced;

    /// <summary>The same journal with its flags re-evaluated (<see cref="PayoutFlags.Reevaluate"/>); lines and fingerprint unchanged.</summary>
    public PayoutJournal WithOrdersKnown(IReadOnlySet<string> chargesWithOrder) =>
        this with { Flags = PayoutFlags.Reevaluate(Flags, chargesWithOrder) };
}
