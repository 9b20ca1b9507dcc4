using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payments.Domain.Money;
using Payments.Domain.P21;

namespace Payments.Domain.Reconciliation;

/// <summary>
/// Turns a payout's accumulated totals into one balanced GL journal. Each balance transaction satisfies
/// amount − fee − net = 0, so crediting the gross, debiting each fee and debiting the net to the bank balances by
/// construction; the payout amount is compared, never used to balance (a difference is a flag, not a line).
/// </summary>
public static class PayoutJournalComposer
{
    /// <summary>The key of the bank clearing account: the payout's own category and type, in its currency.</summary>
    public static AccountKey BankKey(string currency) => new(TransactionCategory.Payout, "payout", currency.ToUpperInvariant());

    /// <summary>
    /// The journal of <paramref name="totals"/>; throws <see cref="MissingAccountException"/> naming every key no rule covers.
    /// Same totals and rules, same lines in the same order, same fingerprint.
    /// </summary>
    public static PayoutJournal Compose(PayoutAccumulator totals, AccountRules rules, int fiscalYearStartMonth = 1)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(rules);
        var currency = totals.Currency;
        var feeKinds = totals.Fees.Keys.Order(StringComparer.Ordinal).ToArray();
        var bankKey = BankKey(currency);
        var accounts = rules.Resolve(totals.Gross.Keys.Concat(feeKinds.Select(FeeKey)).Append(bankKey));

        var lines = new List<GlJournalLine>();
        var grossLines = totals.Gross
            .GroupBy(g => (g.Key.Category, Account: accounts[g.Key], g.Key.Currency))
            .OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Currency == currency ? "" : g.Key.Currency, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Account, StringComparer.Ordinal);
        foreach (var group in grossLines)
        {
            var settlement = group.Sum(g => g.Value.SettlementMinor);
            if (settlement == 0) continue; // e.g. a charge and its full uncaptured reversal: nothing to book
            var converted = group.Key.Currency != currency;
            var original = group.Sum(g => g.Value.OriginalMinor);
            // Sales are credits: Stripe's positive amount becomes a negative (credit) line, a refund's negative one a debit.
            lines.Add(new GlJournalLine(
                group.Key.Account,
                -MinorUnits.ToDecimal(settlement, currency),
                Describe(group.Key.Category, group.Key.Currency, converted ? group.Select(g => g.Value).ToArray() : null),
                converted ? -MinorUnits.ToDecimal(original, group.Key.Currency) : null,
                converted ? group.Key.Currency : null));
        }
        foreach (var kind in feeKinds)
        {
            if (totals.Fees[kind] == 0) continue;
            lines.Add(new GlJournalLine(accounts[FeeKey(kind)], MinorUnits.ToDecimal(totals.Fees[kind], currency), $"Stripe fee {kind}"));
        }
        if (totals.NetMinor != 0)
            lines.Add(new GlJournalLine(accounts[bankKey], MinorUnits.ToDecimal(totals.NetMinor, currency), $"Payout {totals.Payout.Id} net"));

        if (!GlJournal.IsBalanced(lines))
            throw new InvalidOperationException($"The journal of payout {totals.Payout.Id} does not balance; a balance transaction slipped past its consistency check.");

        var period = GlPeriod.For(totals.Payout.ArrivalDate, fiscalYearStartMonth);
        return new PayoutJournal(
            totals.Payout.Id,
            currency,
            totals.Payout.ArrivalDate,
            period,
            lines,
            totals.Gross.GroupBy(g => g.Key.Category).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => MinorUnits.ToDecimal(g.Sum(x => x.Value.SettlementMinor), currency)),
            feeKinds.ToDictionary(k => k, k => MinorUnits.ToDecimal(totals.Fees[k], currency), StringComparer.Ordinal),
            MinorUnits.ToDecimal(totals.NetMinor, currency),
            Conversions(totals),
            totals.Flags,
            Fingerprint(totals.Payout.Id, currency, period, lines));

        AccountKey FeeKey(string kind) => new(TransactionCategory.Fee, kind, currency);
    }

    static string Describe(TransactionCategory category, string originalCurrency, IReadOnlyList<GrossTotal>? converted)
    {
        var text = $"Stripe {category.Name()} {originalCurrency}";
        if (converted is null) return text;
        var min = converted.Where(t => t.MinRate is not null).Min(t => t.MinRate!.Value);
        var max = converted.Where(t => t.MaxRate is not null).Max(t => t.MaxRate!.Value);
        return min == max ? $"{text} at {Rate(min)}" : $"{text} at {Rate(min)}-{Rate(max)}";
    }

    static IReadOnlyList<CurrencyConversion> Conversions(PayoutAccumulator totals) =>
        totals.Gross.Where(g => g.Key.Currency != totals.Currency && g.Value.ConvertedCount > 0)
            .GroupBy(g => g.Key.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var original = MinorUnits.ToDecimal(g.Sum(x => x.Value.OriginalMinor), g.Key);
                var settlement = MinorUnits.ToDecimal(g.Sum(x => x.Value.SettlementMinor), totals.Currency);
                return new CurrencyConversion(
                    g.Key,
                    original,
                    settlement,
                    original == 0 ? null : decimal.Round(settlement / original, 6),
                    g.Min(x => x.Value.MinRate!.Value),
                    g.Max(x => x.Value.MaxRate!.Value),
                    g.Sum(x => x.Value.ConvertedCount));
            })
            .ToArray();

    /// <summary>SHA-256 over the payout, period and each line's account, amount, foreign amount and text: equal journals, equal prints.</summary>
    static string Fingerprint(string payoutId, string currency, GlPeriod period, IReadOnlyList<GlJournalLine> lines)
    {
        var text = new StringBuilder()
            .Append(payoutId).Append('|').Append(currency).Append('|')
            .Append(period.YearForPeriod.ToString(CultureInfo.InvariantCulture)).Append('-').Append(period.Period.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var line in lines)
        {
            text.Append(line.AccountNumber).Append('|')
                .Append(line.Amount.ToString("F4", CultureInfo.InvariantCulture)).Append('|')
                .Append(line.ForeignAmount?.ToString("F4", CultureInfo.InvariantCulture) ?? "").Append('|')
                .Append(line.Description).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    static string Rate(decimal rate) => rate.ToString("0.######", CultureInfo.InvariantCulture);
}
