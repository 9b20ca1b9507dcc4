namespace Payments.Persistence.Configuration;

/// <summary>
/// The PostgreSQL settings a short bookkeeping transaction turns off for itself, written one way for an explicit transaction
/// (<c>SET LOCAL</c>) and one way for a multi-statement command, which PostgreSQL runs as one implicit transaction and where
/// <c>SET LOCAL</c> would warn (<c>set_config(…, true)</c>). Both end with the transaction's commit.
/// </summary>
public static class BookkeepingSettings
{
    /// <summary>The commit does not wait for its write-ahead log to reach the disk.</summary>
    const string CommitFlush = "synchronous_commit";

    /// <summary>
    /// For bookkeeping by key on tables that hold a few live rows among the dead ones every delivery leaves until the next vacuum.
    /// The services prepare their statements (<c>Max Auto Prepare</c>), and PostgreSQL keeps a prepared statement's generic plan: made
    /// while such a table held a page, it is a sequential scan, which goes on walking every dead row as the table churns (the bus
    /// outbox's deletes by key read 25–170 pages per call in the end-to-end benchmark, 2026-12-03, where their index reads three to five).
    /// </summary>
    const string SequentialScans = "enable_seqscan";

    static string[] Settings(bool withoutSequentialScans) => withoutSequentialScans ? [CommitFlush, SequentialScans] : [CommitFlush];

    /// <summary>For an explicit transaction: <c>SET LOCAL synchronous_commit = off; …</c>.</summary>
    public static string SetLocal(bool withoutSequentialScans) =>
        string.Join("; ", Settings(withoutSequentialScans).Select(s => $"SET LOCAL {s} = off"));

    /// <summary>For the head of a multi-statement command: <c>SELECT set_config('synchronous_commit', 'off', true), …;</c>.</summary>
    public static string SetConfig(bool withoutSequentialScans) =>
        "SELECT " + string.Join(", ", Settings(withoutSequentialScans).Select(s => $"set_config('{s}', 'off', true)")) + ";";
}
