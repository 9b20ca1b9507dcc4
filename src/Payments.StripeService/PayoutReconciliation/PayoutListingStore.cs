using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Data;

namespace Payments.StripeService.PayoutReconciliation;

/// <summary>
/// Keeps a payout's listing (<see cref="PayoutListing"/>) and its balance transactions (<see cref="PayoutTransactionLine"/>), each
/// page in a short transaction of its own on a DbContext of its own scope, so that a consumer's outbox transaction, which spans the
/// whole consume, never holds a page: what is written survives a crash and the next delivery resumes from it.
/// </summary>
/// <remarks>
/// SQLite is the exception. It has one writer, and the outbox's open transaction holds that lock for the whole consume (SQLite
/// transactions begin IMMEDIATE), so a page written on another connection would wait for it until the busy time-out. Inside a consume
/// on SQLite the pages therefore join the outbox's transaction: they commit with the answer, and a crash rolls them back, so the next
/// delivery starts the run over (correct, not resumable). SQLite is the sandbox's database; PostgreSQL and SQL Server resume.
/// </remarks>
public sealed class PayoutListingStore(StripeServiceDbContext consumeContext, IServiceScopeFactory scopes)
{
    /// <summary>Whether pages join the consume's open transaction (SQLite inside the outbox) instead of committing on their own.</summary>
    public bool JoinsConsumeTransaction =>
        consumeContext.Database.CurrentTransaction is not null && consumeContext.Database.GetDatabaseProvider() == DatabaseProvider.Sqlite;

    public Task<PayoutListing?> FindAsync(string payoutId, CancellationToken cancellationToken) =>
        InTransactionAsync(db => db.PayoutListings.AsNoTracking().SingleOrDefaultAsync(l => l.PayoutId == payoutId, cancellationToken), cancellationToken);

    /// <summary>
    /// Starts <paramref name="run"/> from the first page: the listing row reset (made when missing). The rows of an earlier run stay
    /// until the same balance transactions are listed again and overwrite them.
    /// </summary>
    public Task StartAsync(string payoutId, int run, string emptyState, DateTime now, CancellationToken cancellationToken) =>
        InTransactionAsync(async db =>
        {
            var listing = await db.PayoutListings.SingleOrDefaultAsync(l => l.PayoutId == payoutId, cancellationToken);
            if (listing is null)
            {
                listing = new PayoutListing { PayoutId = payoutId, State = emptyState };
                db.PayoutListings.Add(listing);
            }
            else if (listing.Run >= run)
                throw Moved(payoutId, run, listing);
            listing.Run = run;
            listing.Cursor = null;
            listing.State = emptyState;
            listing.Pages = 0;
            listing.Complete = false;
            listing.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Keeps one page in one transaction: its rows upserted (a run listing them again overwrites, never duplicates) and the listing moved
    /// to the page's cursor, totals and page count (<paramref name="pagesAfter"/>; the same as before for a manual payout, which has no
    /// page). Refused (transient: the command is tried again from where the listing is) when the listing is no longer at
    /// <paramref name="run"/> and <paramref name="pagesBefore"/>: another consumer moved it on.
    /// </summary>
    public Task SavePageAsync(string payoutId, int run, int pagesBefore, int pagesAfter, IReadOnlyList<PayoutTransactionLine> lines, string? cursor, string state,
        bool complete, DateTime now, CancellationToken cancellationToken) =>
        InTransactionAsync(async db =>
        {
            var listing = await db.PayoutListings.SingleOrDefaultAsync(l => l.PayoutId == payoutId, cancellationToken);
            if (listing is null || listing.Run != run || listing.Pages != pagesBefore)
                throw Moved(payoutId, run, listing);
            if (lines.Count > 0)
            {
                var ids = lines.Select(l => l.BalanceTransactionId).ToList();
                var existing = await db.PayoutTransactionLines.Where(l => l.PayoutId == payoutId && ids.Contains(l.BalanceTransactionId))
                    .ToDictionaryAsync(l => l.BalanceTransactionId, StringComparer.Ordinal, cancellationToken);
                foreach (var line in lines)
                {
                    if (existing.TryGetValue(line.BalanceTransactionId, out var row)) db.Entry(row).CurrentValues.SetValues(line);
                    else db.PayoutTransactionLines.Add(line);
                }
            }
            listing.Cursor = cursor;
            listing.State = state;
            listing.Pages = pagesAfter;
            listing.Complete = complete;
            listing.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    static TransientFailureException Moved(string payoutId, int run, PayoutListing? listing) => new(listing is null
        ? $"The listing of payout {payoutId} (run {run}) is gone; the command is tried again."
        : $"The listing of payout {payoutId} moved on while run {run} read it (now run {listing.Run}, {listing.Pages} pages); the command is tried again from where it is.");

    async Task<T> InTransactionAsync<T>(Func<StripeServiceDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        if (JoinsConsumeTransaction)
        {
            var result = await work(consumeContext);
            // The outbox's own rows (its inbox row) stay tracked; only the listing's are let go, so memory holds one page.
            foreach (var entry in consumeContext.ChangeTracker.Entries().Where(e => e.Entity is PayoutListing or PayoutTransactionLine).ToList())
                entry.State = EntityState.Detached;
            return result;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StripeServiceDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var answer = await work(db);
        await transaction.CommitAsync(cancellationToken);
        return answer;
    }
}
