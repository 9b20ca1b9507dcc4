using Npgsql;
using NUnit.Framework;

namespace Payments.Testing;

/// <summary>
/// The throwaway PostgreSQL server named by <c>PAYMENTS_TEST_POSTGRES</c> (scripts/test.sh starts one): tests create and
/// drop their own databases on it. Without the variable PostgreSQL tests are ignored, not failed.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "PAYMENTS_TEST_POSTGRES";

    /// <summary>The server's connection string, or null when the variable is unset.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { } server && !string.IsNullOrWhiteSpace(server) ? server : null;

    /// <summary>The server's connection string; ignores the calling test when the variable is unset.</summary>
    public static string ServerOrIgnore()
    {
        if (Server is { } server)
            return server;
        Assert.Ignore($"PostgreSQL tests need {Variable} (an Npgsql connection string to a server this test may create databases on); the test command sets it.");
        throw new InvalidOperationException("Assert.Ignore returned.");
    }

    /// <summary>Creates the databases on <paramref name="server"/> and returns their connection strings, in order.</summary>
    public static async Task<IReadOnlyList<string>> CreateDatabasesAsync(string server, params IReadOnlyList<string> names)
    {
        var connectionStrings = new List<string>(names.Count);
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
            connectionStrings.Add(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }
        return connectionStrings;
    }

    /// <summary>Drops the databases the connection strings name (closing what still uses them).</summary>
    public static async Task DropDatabasesAsync(string server, params IEnumerable<string> connectionStrings)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var connectionString in connectionStrings)
        {
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
