using Microsoft.EntityFrameworkCore;
using Npgsql;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Configuration;
using Payments.Persistence.Diagnostics;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Audit;

/// <summary>
/// Commits what an <see cref="AuditDbContext"/> tracks together with reference rows. An entry names eight ids on average, and
/// EF Core inserts each tracked row with a statement of its own; on PostgreSQL, where every service's writes and every accepted
/// event record their entries in one audit database, that was a third of all the statements a charge-to-order flow ran (measured
/// with pg_stat_statements, 2026-12-02). There the references go in as one <c>INSERT … SELECT … FROM unnest(…)</c> after the
/// tracked rows, in the same transaction; other providers keep them as tracked rows of the same SaveChanges.
/// </summary>
public static class AuditReferenceRows
{
    /// <summary>
    /// Saves the tracked changes and <paramref name="references"/> in one transaction: the caller's, when one is open, else a new
    /// one. A unique violation (an entry or a reference already recorded) throws a <see cref="DbUpdateException"/>, as SaveChanges
    /// would, logged at Debug only, with nothing committed.
    /// </summary>
    public static async Task SaveWithAsync(AuditDbContext db, IReadOnlyCollection<AuditReference> references, CancellationToken cancellationToken)
    {
        if (db.Database.GetDatabaseProvider() != DatabaseProvider.Postgres || references.Count == 0)
        {
            db.References.AddRange(references);
            using (ExpectedDatabaseErrors.UniqueViolations())
                await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // No savepoint per SaveChanges: a failed statement ends this transaction, it is never resumed.
        db.Database.AutoSavepointsEnabled = false;
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            using (ExpectedDatabaseErrors.UniqueViolations())
            {
                if (db.ChangeTracker.HasChanges())
                    await db.SaveChangesAsync(cancellationToken);
                try
                {
                    await db.Database.ExecuteSqlRawAsync(InsertStatement(db),
                        [references.Select(r => r.EntryId).ToArray(), references.Select(r => r.Reference).ToArray()], cancellationToken);
                }
                catch (PostgresException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
                {
                    // As SaveChanges reports it, which is what the callers catch (a reference another transaction recorded first).
                    ExpectedDatabaseErrors.Decide(e);
                    throw new DbUpdateException("An audit reference is already recorded.", e);
                }
            }
            if (own is not null)
                await own.CommitAsync(cancellationToken);
        }
    }

    // Built once from the model (one AuditDbContext model, PostgreSQL only): not on every audit write.
    static string? _insertStatement;

    /// <summary>Parameters {0} the entry ids (uuid[]), {1} the references (text[]), pairwise.</summary>
    static string InsertStatement(AuditDbContext db)
    {
        if (_insertStatement is { } built)
            return built;
        var (table, column, _) = LockStatements.Describe<AuditReference>(db, nameof(ModelBuilder.Entity));
        return _insertStatement = $"INSERT INTO {table} ({column(nameof(AuditReference.EntryId))}, {column(nameof(AuditReference.Reference))})"
                                  + " SELECT e, r FROM unnest({0}::uuid[], {1}::text[]) AS t(e, r)";
    }
}
