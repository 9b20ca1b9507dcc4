using Microsoft.Data.Sqlite;
using Npgsql;
using Payments.Persistence.Configuration;

namespace Payments.Sagas.Tests.Durable;

/// <summary>
/// A fresh database for one test: a SQLite file, or a new database on the PostgreSQL server named by
/// <c>PAYMENTS_TEST_POSTGRES</c> (the test command starts one); without it PostgreSQL tests are ignored.
/// </summary>
sealed class SagaTestDatabase : IAsyncDisposable
{
    const string PostgresVariable = "PAYMENTS_TEST_POSTGRES";
    readonly string? _server;
    readonly string _name;

    SagaTestDatabase(DatabaseProvider provider, string connectionString, string name, string? server)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _name = name;
        _server = server;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<SagaTestDatabase> Create(DatabaseProvider provider)
    {
        var name = $"payments_sagas_test_{Guid.NewGuid():N}";
        if (provider == DatabaseProvider.Sqlite)
            return new SagaTestDatabase(provider, $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}", name, null);

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Ignore($"PostgreSQL tests need {PostgresVariable}; the test command sets it.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new SagaTestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, name, server);
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
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
