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

/// <summary>The general ledger: accounts that may be posted to, and the entries posted, each under one transaction number.</summary>
public sealed class P21Ledger
{
    readonly Lock _gate = new();
    readonly List<P21GlAccountRecord> _accounts = [];
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
