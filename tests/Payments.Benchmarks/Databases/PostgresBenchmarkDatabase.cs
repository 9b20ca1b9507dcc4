using System.Data.Common;
using Npgsql;

namespace Payments.Benchmarks.Databases;

/// <summary>A database created for the run on the given server (needs CREATEDB) and dropped afterwards, so both measurements start empty.</summary>
public sealed class PostgresBenchmarkDatabase : BenchmarkDatabase
{
    readonly string _serverConnectionString;
    readonly string _databaseName = "payments_bench_" + Guid.NewGuid().ToString("N")[..12];
    readonly string _connectionString;
    readonly NpgsqlDataSource _dataSource;
    string _server = "";

    PostgresBenchmarkDatabase(string serverConnectionString)
    {
        _serverConnectionString = serverConnectionString;
        _connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = _databaseName }.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public static async Task<PostgresBenchmarkDatabase> CreateAsync(string serverConnectionString)
    {
        var database = new PostgresBenchmarkDatabase(serverConnectionString);
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database._databaseName}", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public override string Name => "PostgreSQL";

    public override string Describe() => $"PostgreSQL {_server}";

    public override IReadOnlyDictionary<string, string?> ServiceConfiguration(string connectionStringName) => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        [$"ConnectionStrings:{connectionStringName}"] = _connectionString,
        // The audit trail every service writes (docs/operations.md): on the same database, as a small installation would have it.
        ["ConnectionStrings:Audit"] = _connectionString,
    };

    // text like the gateway's Payload column (EF maps string to text on PostgreSQL).
    protected override string RawTableDefinition => $"CREATE TABLE {RawTable} (id text NOT NULL PRIMARY KEY, payload text NOT NULL)";

    public override async Task InspectAsync()
    {
        var version = await ScalarAsync("SHOW server_version");
        var commit = await ScalarAsync("SHOW synchronous_commit");
        _server = $"{version} (synchronous_commit={commit})";
    }

    protected override async Task<DbConnection> OpenAsync() => await _dataSource.OpenConnectionAsync();

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
