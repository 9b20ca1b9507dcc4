using System.Data.Common;

namespace Payments.Benchmarks.Databases;

/// <summary>
/// One database for one run: a service's configuration pointing at it (the gateway's, or another service's for the payout mode),
/// and the ingest mode's raw baseline on the same database, a table with a text primary key and a text column written one row per transaction.
/// </summary>
public abstract class BenchmarkDatabase : IAsyncDisposable
{
    protected const string RawTable = "bench_raw_insert";

    /// <summary>The table's first column: "SQLite", "PostgreSQL".</summary>
    public abstract string Name { get; }

    /// <summary>Version and durability settings, known once <see cref="InspectAsync"/> ran, e.g. "SQLite 3.46 (journal_mode=wal, synchronous=FULL)".</summary>
    public abstract string Describe();

    /// <summary>The gateway's <c>Database:Provider</c> and <c>ConnectionStrings:Gateway</c>.</summary>
    public IReadOnlyDictionary<string, string?> GatewayConfiguration => ServiceConfiguration("Gateway");

    /// <summary>A service's <c>Database:Provider</c> and <c>ConnectionStrings:{connectionStringName}</c>, pointing at this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> ServiceConfiguration(string connectionStringName);

    /// <summary>Reads what <see cref="Describe"/> tells, once a service has created the database.</summary>
    public abstract Task InspectAsync();

    /// <summary>Called after the gateway started (and created its schema): the raw table, empty.</summary>
    public async Task CreateRawTableAsync()
    {
        await ExecuteAsync(RawTableDefinition);
        await InspectAsync();
    }

    /// <summary>The raw table's <c>CREATE TABLE</c> in the provider's dialect.</summary>
    protected abstract string RawTableDefinition { get; }

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

    /// <summary>Webhook records whose intake entry the gateway has not yet written to the audit trail (IntakeAuditPass, after the commit).</summary>
    public Task<long> CountUnauditedGatewayEventsAsync() => CountAsync("\"WebhookEvents\" WHERE \"AuditedAt\" IS NULL");

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
