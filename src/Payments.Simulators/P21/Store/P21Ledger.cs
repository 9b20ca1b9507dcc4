namespace Payments.Simulators.P21.Store;

/// <summary>An account of the chart of accounts (P21's <c>chart_of_accts</c>, reduced to what a posting is checked against).</summary>
public sealed record P21GlAccountRecord
{
    public required string AccountNumber { get; init; }
    public string? Description { get; init; }
}

/// <summary>One line of a posted journal entry, as P21's <c>gl</c> table keeps it and <c>/api/accounting/gl</c> echoes it.</summary>
public sealed record P21GlLineRecord
{
    public int GlUid { get; init; }
    public long TransactionNumber { get; init; }
    public int SequenceNumber { get; init; }
    public required string CompanyNo { get; init; }
    public required string AccountNumber { get; init; }
    public int Period { get; init; }
    public int YearForPeriod { get; init; }
    public string? JournalId { get; init; }
    public decimal Amount { get; init; }
    public decimal ForeignAmount { get; init; }
    public string? Description { get; init; }
    public string? Source { get; init; }
    public DateTime TransactionDate { get; init; }
    public DateTime DateCreated { get; init; }
    public string Approved { get; init; } = "Y";
}

/// <summary>A period of the fiscal calendar (P21's <c>periods</c>: <c>year_for_period</c>, <c>period</c>), as a closed one is named.</summary>
public readonly record struct P21GlPeriod(int YearForPeriod, int Period)
{
    /// <summary><c>yyyy-pp</c>, e.g. <c>2026-03</c>; null when <paramref name="text"/> is not that.</summary>
    public static P21GlPeriod? Parse(string? text)
    {
        var parts = text?.Trim().Split('-');
        return parts is [var year, var period]
               && int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 9999
               && int.TryParse(period, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 13
            ? new P21GlPeriod(y, p)
            : null;
    }

    public override string ToString() => $"{YearForPeriod:0000}-{Period:00}";
}

/// <summary>The general ledger: accounts that may be posted to, periods closed for posting, and the entries posted, each under one transaction number.</summary>
public sealed class P21Ledger
{
    readonly Lock _gate = new();
    readonly List<P21GlAccountRecord> _accounts = [];
    readonly SortedSet<P21GlPeriod> _closed = new(Comparer<P21GlPeriod>.Create((a, b) => (a.YearForPeriod, a.Period).CompareTo((b.YearForPeriod, b.Period))));
    readonly List<P21GlLineRecord> _lines = [];
    long _nextTransactionNumber = 880001;
    int _nextGlUid = 1;

    public IReadOnlyList<P21GlAccountRecord> Accounts { get { lock (_gate) return _accounts.ToArray(); } }
    public IReadOnlyList<P21GlLineRecord> Lines { get { lock (_gate) return _lines.ToArray(); } }

    public P21GlAccountRecord AddAccount(P21GlAccountRecord account)
    {
        lock (_gate)
        {
            if (HasAccount(account.AccountNumber)) throw new InvalidOperationException($"Account {account.AccountNumber} already exists.");
            _accounts.Add(account);
            return account;
        }
    }

    public bool HasAccount(string accountNumber)
    {
        lock (_gate) return _accounts.Any(a => string.Equals(a.AccountNumber, accountNumber, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The periods closed for posting, in calendar order.</summary>
    public IReadOnlyList<P21GlPeriod> ClosedPeriods { get { lock (_gate) return _closed.ToArray(); } }

    /// <summary>Closes (or with <paramref name="closed"/> false reopens) a period: a posting into a closed one is refused.</summary>
    public void SetClosed(P21GlPeriod period, bool closed = true)
    {
        lock (_gate)
        {
            if (closed) _closed.Add(period);
            else _closed.Remove(period);
        }
    }

    public bool IsClosed(int yearForPeriod, int period)
    {
        lock (_gate) return _closed.Contains(new P21GlPeriod(yearForPeriod, period));
    }

    /// <summary>Stores the lines as one entry under the next transaction number; returns them as stored.</summary>
    public IReadOnlyList<P21GlLineRecord> Post(IReadOnlyList<P21GlLineRecord> lines, DateTime now)
    {
        lock (_gate)
        {
            var transactionNumber = _nextTransactionNumber++;
            var stored = lines.Select((line, i) => line with
            {
                GlUid = _nextGlUid++,
                TransactionNumber = transactionNumber,
                SequenceNumber = i + 1,
                DateCreated = now,
                Approved = "Y",
            }).ToList();
            _lines.AddRange(stored);
            return stored;
        }
    }

    public IReadOnlyList<P21GlLineRecord> Entry(long transactionNumber)
    {
        lock (_gate) return _lines.Where(l => l.TransactionNumber == transactionNumber).ToArray();
    }
}
