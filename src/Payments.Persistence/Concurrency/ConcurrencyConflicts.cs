using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Payments.Persistence.Concurrency;

/// <summary>
/// Recognises the database errors that mean "another transaction got there first": the unit of work is rolled
/// back and run again from a fresh read, which then sees the other transaction's result.
/// </summary>
public static class ConcurrencyConflicts
{
    // unique_violation, serialization_failure, deadlock_detected
    static readonly HashSet<string> PostgresStates = ["23505", "40001", "40P01"];

    // unique index / constraint violation, deadlock victim, snapshot update conflict
    static readonly HashSet<int> SqlServerNumbers = [2601, 2627, 1205, 3960];

    const int SqliteBusy = 5;
    const int SqliteLocked = 6;
    const int SqliteConstraint = 19;

    public static bool IsConflict(Exception exception)
    {
        for (var current = exception; current != null; current = current.InnerException)
        {
            switch (current)
            {
                case DbUpdateConcurrencyException:
                    return true;
                case PostgresException postgres when PostgresStates.Contains(postgres.SqlState):
                    return true;
                case SqlException sqlServer when SqlServerNumbers.Contains(sqlServer.Number):
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked || IsUniqueViolation(sqlite):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsConflict):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a save failed because the row's key already exists, for example a webhook event id the gateway
    /// has already stored: the request is a duplicate and can be acknowledged without publishing again.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current != null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: "23505" }:
                case SqlException { Number: 2601 or 2627 }:
                case SqliteException sqlite when IsUniqueViolation(sqlite):
                    return true;
            }
        }

        return false;
    }

    // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067); a NOT NULL or FK failure is a bug, not a race.
    static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == SqliteConstraint && exception.SqliteExtendedErrorCode is 1555 or 2067;
}
