using System.Globalization;

namespace Payments.Domain.P21;

/// <summary>A general-ledger period: P21's <c>Period</c> (1 to 12) and <c>YearForPeriod</c>.</summary>
public readonly record struct GlPeriod(int Period, int YearForPeriod)
{
    /// <summary>
    /// The period a date falls in, for a fiscal year starting in <paramref name="fiscalYearStartMonth"/> (1 = January: period = calendar
    /// month). A fiscal year that starts later is named after the calendar year it ends in (July 2026 to June 2027 is 2027), the common
    /// convention; P21 keeps its own calendar in the <c>periods</c> table, which this does not read (docs/external-apis/p21.md#gl-journal).
    /// </summary>
    public static GlPeriod For(DateOnly date, int fiscalYearStartMonth = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYearStartMonth, 12);
        var period = (date.Month - fiscalYearStartMonth + 12) % 12 + 1;
        var year = fiscalYearStartMonth == 1 || date.Month < fiscalYearStartMonth ? date.Year : date.Year + 1;
        return new GlPeriod(period, year);
    }
}

/// <summary>
/// One line of a journal entry: an account and a signed amount (debit positive, credit negative), as P21's GL takes it;
/// optionally what the line is (<c>Description</c>) and, for money first taken in another currency, that amount
/// (<c>ForeignAmount</c>, same sign) and its currency (<c>ForeignCurrency</c>, upper case) so the conversion stays visible.
/// </summary>
public sealed record GlJournalLine(string AccountNumber, decimal Amount, string? Description = null, decimal? ForeignAmount = null, string? ForeignCurrency = null);

/// <summary>The balanced two-line entry of a receipt: the money debited to one account and credited to another.</summary>
public static class GlJournal
{
    /// <summary>P21 keeps GL amounts as <c>decimal(19,4)</c>.</summary>
    public const int AmountDecimals = 4;

    /// <summary>
    /// <paramref name="amount"/> debited to <paramref name="debitAccount"/> and credited to <paramref name="creditAccount"/>. Refuses
    /// a non-positive amount, one with more than four decimals, and one account on both sides (the entry would move nothing).
    /// </summary>
    public static IReadOnlyList<GlJournalLine> Receipt(string debitAccount, string creditAccount, decimal amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(debitAccount);
        ArgumentException.ThrowIfNullOrWhiteSpace(creditAccount);
        if (string.Equals(debitAccount.Trim(), creditAccount.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"The debit and the credit account are both {debitAccount}: the entry would move nothing.", nameof(creditAccount));
        if (amount <= 0)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A receipt's amount must be positive.");
        if (decimal.Round(amount, AmountDecimals) != amount)
            throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has more than {AmountDecimals} decimals, which P21's GL does not keep.", nameof(amount));
        return [new GlJournalLine(debitAccount.Trim(), amount), new GlJournalLine(creditAccount.Trim(), -amount)];
    }

    /// <summary>Whether the lines sum to zero, as P21 requires of one entry.</summary>
    public static bool IsBalanced(IEnumerable<GlJournalLine> lines) => lines.Sum(l => l.Amount) == 0m;
}
