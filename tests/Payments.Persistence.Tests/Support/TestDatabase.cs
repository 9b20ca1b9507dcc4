using Microsoft.Data.Sqlite;
using Npgsql;
using Payments.Persistence.Configuration;

namespace Payments.Persistence.Tests.Support;

/// <summary>
/// A fresh, empty database for one test: a SQLite file, or a new database on the PostgreSQL server named by
/// <c>PAYMENTS_TEST_POSTGRES</c> (the test command starts one). Without that variable PostgreSQL tests are ignored.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PAYMENTS_TEST_POSTGRES";

    readonly string? _adminConnectionString;
    readonly string _name;

    TestDatabase(DatabaseProvider provider, string connectionString, string name, string? adminConnectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _name = name;
        _adminConnectionString = adminConnectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> Create(DatabaseProvider provider)
    {
        var name = $"payments_test_{Guid.NewGuid():N}";
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var directory = Path.Combine(Path.GetTempPath(), "payments-persistence-tests");
                Directory.CreateDirectory(directory);
                return new TestDatabase(provider, $"Data Source={Path.Combine(directory, name + ".db")}", name, null);

            case DatabaseProvider.Postgres:
                var server = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrWhiteSpace(server))
                    Assert.Ignore($"PostgreSQL tests need {PostgresVariable} (an Npgsql connection string to a server this test may create databases on); the test command sets it.");
                await using (var connection = new NpgsqlConnection(server))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await command.ExecuteNonQueryAsync();
                }

                var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
                return new TestDatabase(provider, builder.ConnectionString, name, server);

            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Only SQLite and PostgreSQL run here.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
