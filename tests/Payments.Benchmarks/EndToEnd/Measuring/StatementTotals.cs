using Npgsql;

namespace Payments.Benchmarks.EndToEnd.Measuring;

/// <summary>One statement's totals in one service database over a window, from <c>pg_stat_statements</c>.</summary>
public sealed record StatementTotal(
    string Service, string Query, long Calls, double ExecMilliseconds, long BlocksHit, long BlocksRead, long BlocksDirtied, long WalFullPages, decimal WalBytes);

/// <summary>
/// What PostgreSQL did for each side of the paired history run, statement by statement: <c>pg_stat_statements</c> (when the server
/// preloads it) reset before the slices and read after them, per database, so the history side's extra buffer reads, dirtied pages and
/// full-page images in the write-ahead log can be pinned to the statements and tables that pay them. Without the library it says so
/// and the run goes on.
/// </summary>
public static class StatementTotals
{
    /// <summary>Resets the counters; false (with the reason) when the server does not preload <c>pg_stat_statements</c>.</summary>
    public static async Task<(bool Tracking, string? Reason)> ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        try
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
            await create.ExecuteNonQueryAsync();
            await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
            await reset.ExecuteNonQueryAsync();
            return (true, null);
        }
        catch (PostgresException e)
        {
            return (false, e.MessageText);
        }
    }

    /// <summary>The totals since the reset of every statement in the databases named <c>{prefix}_{service}</c>, by service.</summary>
    public static async Task<IReadOnlyList<StatementTotal>> ReadAsync(string connectionString, string prefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT substr(d.datname, length(@prefix) + 2), s.query, s.calls, s.total_exec_time, s.shared_blks_hit, s.shared_blks_read,
                   s.shared_blks_dirtied, s.wal_fpi, s.wal_bytes
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE left(d.datname, length(@prefix) + 1) = @prefix || '_'
            """, connection);
        command.Parameters.AddWithValue("prefix", prefix);
        var totals = new List<StatementTotal>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            totals.Add(new StatementTotal(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetDecimal(8)));
        }
        return totals;
    }
}
