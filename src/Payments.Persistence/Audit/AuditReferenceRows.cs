using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
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

    /// <summary>
    /// On PostgreSQL, completes a pending entry in one statement (one round trip, one implicit transaction) instead of a transaction
    /// that reads the entry's references, updates it and inserts the new ones (five round trips, on each of a flow's audited writes):
    /// the outcome, the references' text with the new ones appended, and their rows, which <c>ON CONFLICT DO NOTHING</c> skips where
    /// the entry has them. Whether a pending entry of that id was there to complete; null on the other providers, which do it in steps.
    /// </summary>
    public static async Task<bool?> TryCompletePendingAsync(AuditDbContext db, AuditEntry completed, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        if (db.Database.GetDatabaseProvider() != DatabaseProvider.Postgres)
            return null;
        object[] parameters =
        [
            new NpgsqlParameter<Guid>("id", completed.Id),
            new NpgsqlParameter<string>("outcome", completed.Outcome),
            new NpgsqlParameter("status", NpgsqlDbType.Integer) { Value = (object?)completed.StatusCode ?? DBNull.Value },
            new NpgsqlParameter("result", NpgsqlDbType.Text) { Value = (object?)completed.Result ?? DBNull.Value },
            new NpgsqlParameter("duration", NpgsqlDbType.Bigint) { Value = (object?)completed.DurationMs ?? DBNull.Value },
            new NpgsqlParameter<string[]>("refs", [.. references]),
        ];
        return await db.Database.ExecuteSqlRawAsync(CompleteStatement(db), parameters, cancellationToken) > 0;
    }

    // Built once from the model (one AuditDbContext model, PostgreSQL only): not on every audit write.
    static string? _insertStatement, _completeStatement;

    /// <summary>
    /// Parameters @id, @outcome, @status, @result, @duration, @refs. The update's row count says whether the entry was pending. Two
    /// completions at once: the second waits for the first's row lock, finds the entry no longer pending and updates nothing; the
    /// rows its insert adds are ones the entry names anyway. The text is cut as <see cref="AuditEssentials.Cut"/> cuts it.
    /// </summary>
    static string CompleteStatement(AuditDbContext db)
    {
        if (_completeStatement is { } built)
            return built;
        var (entries, entry, _) = LockStatements.Describe<AuditEntry>(db, nameof(ModelBuilder.Entity));
        var (table, column, _) = LockStatements.Describe<AuditReference>(db, nameof(ModelBuilder.Entity));
        var (id, outcome, text) = (entry(nameof(AuditEntry.Id)), entry(nameof(AuditEntry.Outcome)), entry(nameof(AuditEntry.References)));
        var pending = $"{id} = @id AND {outcome} = '{AuditOutcomes.Pending}'";
        var merged = $"concat_ws(' ', NULLIF({text}, ''), (SELECT string_agg(r, ' ' ORDER BY o) FROM unnest(@refs) WITH ORDINALITY AS n(r, o)"
                     + $" WHERE r <> ALL (string_to_array({text}, ' '))))";
        var max = AuditEssentials.MaxLength;
        return _completeStatement =
            $"WITH added AS (INSERT INTO {table} ({column(nameof(AuditReference.EntryId))}, {column(nameof(AuditReference.Reference))})"
            + $" SELECT @id, r FROM unnest(@refs) AS r WHERE EXISTS (SELECT 1 FROM {entries} WHERE {pending}) ON CONFLICT DO NOTHING)"
            + $" UPDATE {entries} SET {outcome} = @outcome, {entry(nameof(AuditEntry.StatusCode))} = @status, {entry(nameof(AuditEntry.Result))} = @result,"
            + $" {entry(nameof(AuditEntry.DurationMs))} = @duration,"
            + $" {text} = (SELECT CASE WHEN length(v) <= {max} THEN v ELSE left(v, {max - 1}) || '…' END FROM (SELECT {merged} AS v) AS m)"
            + $" WHERE {pending}";
    }

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
