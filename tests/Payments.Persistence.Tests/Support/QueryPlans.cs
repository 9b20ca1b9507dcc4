using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;

namespace Payments.Persistence.Tests.Support;

/// <summary>
/// Asks the database how it would run a logged command. PostgreSQL plans with sequential scans disabled, so a
/// <c>Seq Scan</c> in the plan means no index can answer it; SQLite's <c>SCAN table</c> is a full scan of the table (or of
/// all of one of its indexes), <c>SEARCH</c> a lookup or range of an index.
/// </summary>
public static class QueryPlans
{
    public static async Task<IReadOnlyList<string>> Explain(DbContext dbContext, LoggedCommand command)
    {
        var provider = dbContext.Database.GetDatabaseProvider();
        var connection = dbContext.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await dbContext.Database.OpenConnectionAsync();

        if (provider == DatabaseProvider.Postgres)
        {
            await using var off = connection.CreateCommand();
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = connection.CreateCommand();
        explain.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.Text;
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            explain.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        var column = provider == DatabaseProvider.Sqlite ? reader.GetOrdinal("detail") : 0;
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(column));
        return lines;
    }

    /// <summary>
    /// The plan lines that read all of <paramref name="table"/>: a sequential scan, SQLite's SCAN (of the table or of all
    /// of one of its indexes), or a PostgreSQL index scan with no index condition under it.
    /// </summary>
    public static IEnumerable<string> FullScans(IReadOnlyList<string> plan, string table)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            var line = plan[i];
            if (line.Contains($"Seq Scan on \"{table}\"", StringComparison.Ordinal)
                || line.StartsWith($"SCAN {table}", StringComparison.Ordinal)
                || line.StartsWith($"SCAN \"{table}\"", StringComparison.Ordinal))
            {
                yield return line;
                continue;
            }

            if (!line.Contains("Index", StringComparison.Ordinal) || !line.Contains($" on \"{table}\"", StringComparison.Ordinal))
                continue;
            var conditioned = plan.Skip(i + 1).TakeWhile(next => !next.Contains("->", StringComparison.Ordinal))
                .Any(next => next.TrimStart().StartsWith("Index Cond", StringComparison.Ordinal));
            if (!conditioned)
                yield return line;
        }
    }

    /// <summary>Every full scan of one of <paramref name="tables"/> in the plans of <paramref name="commands"/>, with its statement.</summary>
    public static async Task<List<string>> FullScansOf(DbContext dbContext, IEnumerable<LoggedCommand> commands, params string[] tables)
    {
        var found = new List<string>();
        foreach (var command in commands)
        {
            var plan = await Explain(dbContext, command);
            // SQLite names a table by its alias in the statement ("InboxState" AS "i" reads SCAN i).
            var names = tables.SelectMany(table => Regex.Matches(command.Text, $"\"{table}\" AS \"?(\\w+)\"?").Select(m => m.Groups[1].Value).Prepend(table));
            foreach (var name in names.Distinct())
                found.AddRange(FullScans(plan, name).Select(line => $"{line}\n    in: {command.Text}"));
        }
        return found;
    }
}
