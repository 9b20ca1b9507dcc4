using Npgsql;
using Payments.Sandbox.Services;

namespace Payments.Testing.Cluster;

/// <summary>
/// A database per service of the one table, and the audit trail's: SQLite files in a work directory, or fresh PostgreSQL databases
/// <c>&lt;prefix&gt;_&lt;service&gt;</c> on a server (dropped by <see cref="DisposeAsync"/>). <see cref="Settings"/> are the
/// services' <c>Database__Provider</c> and <c>ConnectionStrings__*</c> environment variables.
/// </summary>
public sealed class ServiceDatabases : IAsyncDisposable
{
    readonly string? _postgres;
    readonly List<string> _created = [];

    ServiceDatabases(string? postgres) => _postgres = postgres;

    public Dictionary<string, string> Settings { get; } = [];

    public bool IsPostgres => _postgres != null;

    /// <summary>On PostgreSQL, the server's connection string and the databases created on it (empty on SQLite).</summary>
    public (string? Server, IReadOnlyList<string> Databases) Postgres => (_postgres, _created);

    /// <summary>The connection string names: each service's, then <c>Audit</c>, which they all write to.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. PaymentsServices.All.Select(s => s.ConnectionStringName), "Audit"];

    /// <param name="postgres">A PostgreSQL server's connection string (its database is only used to create the others); null for SQLite.</param>
    public static async Task<ServiceDatabases> CreateAsync(string workDirectory, string prefix, string? postgres)
    {
        var databases = new ServiceDatabases(string.IsNullOrWhiteSpace(postgres) ? null : postgres);
        if (databases._postgres == null)
        {
            databases.Settings["Database__Provider"] = "Sqlite";
            foreach (var name in Names)
                databases.Settings[$"ConnectionStrings__{name}"] = $"Data Source={Path.Combine(workDirectory, name.ToLowerInvariant() + ".db")}";
            return databases;
        }

        databases.Settings["Database__Provider"] = "Postgres";
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(databases._postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var name in Names)
        {
            var database = $"{prefix}_{name.ToLowerInvariant()}";
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection))
                await create.ExecuteNonQueryAsync();
            databases._created.Add(database);
            databases.Settings[$"ConnectionStrings__{name}"] = new NpgsqlConnectionStringBuilder(databases._postgres) { Database = database }.ConnectionString;
        }
        return databases;
    }

    public async ValueTask DisposeAsync()
    {
        if (_created.Count == 0)
            return;
        // Unpooled: after a chaos run restarted the server, a pooled connection is a dead session.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var database in _created)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
