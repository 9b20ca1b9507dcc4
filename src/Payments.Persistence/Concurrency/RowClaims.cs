using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Diagnostics;

namespace Payments.Persistence.Concurrency;

/// <summary>
/// A new row a consumer needs before it calls an outside system, stored at once inside the consumer's transaction instead of with the
/// commit. Two consumers adding the same key (a link copy and a sync command of one customer) then collide here, before the call: the
/// later one waits for the earlier's commit, fails on the key, and the outbox's conflict retry runs it again from a fresh read, which
/// finds the row. Stored at commit, the collision came after the call, and the rerun made the call a second time.
/// </summary>
public static class RowClaims
{
    /// <summary>Adds <paramref name="row"/> and saves what the context holds; the duplicate key of a racing insert is expected (not logged as an error).</summary>
    public static async Task<T> AddAndStoreAsync<T>(this DbContext db, T row, CancellationToken cancellationToken) where T : class
    {
        db.Add(row);
        using (ExpectedDatabaseErrors.UniqueViolations())
            await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
