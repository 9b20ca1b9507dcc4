using System.Data.Common;

namespace Payments.Benchmarks.Databases;

/// <summary>
/// One database for one run: the gateway's configuration pointing at it, and the raw baseline on the same database,
/// a table with a text primary key and a text column written one row per transaction.
/// </summary>
public abstract class BenchmarkDatabase : IAsyncDisposable
{
    protected const string RawTable = "bench_raw_insert";

    /// <summary>The table's first column: "SQLite", "PostgreSQL".</summary>
    public abstract string Name { get; }

    /// <summary>Version and durability settings, known once the gateway has created the database, e.g. "SQLite 3.46 (journal_mode=wal, synchronous=FULL)".</summary>
    public abstract string Describe();

    /// <summary>The gateway's <c>Database:Provider</c> and <c>ConnectionStrings:Gateway</c>.</summary>
    public abstract IReadOnlyDictionary<string, string?> GatewayConfiguration { get; }

    /// <summary>Called after the gateway started (and created its schema): the raw table, empty.</summary>
    public abstract Task CreateRawTableAsync();

    /// <summary>What the gateway's own request does with the database, without anything else: open a pooled connection, begin, insert one row, commit.</summary>
    public async Task InsertRawAsync(string id, string payload)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {RawTable} (id, payload) VALUES (@id, @payload)";
        command.Parameters.Add(Parameter(command, "@id", id));
        command.Parameters.Add(Parameter(command, "@payload", payload));
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public Task<long> CountGatewayEventsAsync() => CountAsync("\"WebhookEvents\"");

    public Task<long> CountRawRowsAsync() => CountAsync(RawTable);

    protected abstract Task<DbConnection> OpenAsync();

    public abstract ValueTask DisposeAsync();

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    async Task<long> CountAsync(string table) => Convert.ToInt64(await ScalarAsync($"SELECT COUNT(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);

    static DbParameter Parameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
