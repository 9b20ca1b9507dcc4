using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Payments.Gateway.Data;

/// <summary>Recognises "that key already exists" on each supported provider, so the insert itself decides who was first.</summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067, // PRIMARYKEY, UNIQUE
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sqlServer => sqlServer.Number is 2627 or 2601,
        _ => false,
    };
}
