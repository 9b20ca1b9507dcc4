using System.Globalization;
using Npgsql;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.History;

/// <summary>
/// A day of retained traffic in the tables that grow, written with <c>INSERT … SELECT generate_series</c>: the bus inbox and outbox
/// (<c>InboxState</c>, <c>OutboxState</c>, <c>OutboxMessage</c>) of every service, the saga rows (tables named <c>…State</c>), the
/// gateway's webhook records and the audit trail. Rows look finished: every timestamp is set (within the last day), so no relay,
/// scheduler or sweeper takes them up; nullable ids (the outbox's links to an inbox or outbox) stay null, and a required foreign key
/// (an audit reference's entry) takes the value its row number has in the table it names, which is seeded first (tables go in name
/// order, and <c>audit_entries</c> comes before <c>audit_references</c>). Columns and foreign keys are read from the catalogue, so the
/// seeding follows the schema the migrations made.
/// </summary>
public static class HistorySeeder
{
    static readonly HashSet<string> Growing = ["InboxState", "OutboxState", "OutboxMessage", "WebhookEvents", "audit_entries", "audit_references"];

    public static async Task<string> SeedAsync(ServiceDatabases databases, int flows, EndToEndReport report)
    {
        var total = 0L;
        var tables = 0;
        foreach (var (key, connectionString) in databases.Settings.Where(s => s.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
        {
            // Unpooled: a pooled session would stay open, idle, into the measured phases, holding the seeding's CPU as a backend's.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            foreach (var table in await TablesAsync(connection))
            {
                try
                {
                    var rows = await SeedTableAsync(connection, table, flows);
                    total += rows;
                    tables++;
                    report.Line($"  {key["ConnectionStrings__".Length..]}.{table}: {rows:N0} rows");
                }
                catch (Exception e) when (e is PostgresException or NotSupportedException)
                {
                    report.Line($"  {key["ConnectionStrings__".Length..]}.{table}: NOT seeded ({e.Message})");
                }
            }
        }
        // A day of traffic reaches the disk over the day; written at once, its pages would be flushed by a checkpoint during the measured
        // phases (PostgreSQL's checkpointer at about 2 ms of CPU per flow in the first history phase), which is the seeding's cost, not
        // the history's. The benchmark connects as a superuser.
        if (databases.Settings.FirstOrDefault(s => s.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Value is { } any)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(any) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 0 };
            await checkpoint.ExecuteNonQueryAsync();
        }
        return $"{total:N0} rows in {tables} tables, then a checkpoint";
    }

    static async Task<List<string>> TablesAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            if (Growing.Contains(name) || name.EndsWith("State", StringComparison.Ordinal))
                tables.Add(name);
        }
        return tables;
    }

    sealed record Column(string Name, string Type, bool Nullable, bool Generated, int? MaxLength);

    static async Task<long> SeedTableAsync(NpgsqlConnection connection, string table, int rows)
    {
        var columns = new List<Column>();
        await using (var command = new NpgsqlCommand("""
            SELECT column_name, data_type, is_nullable = 'YES', is_identity = 'YES' OR coalesce(column_default, '') LIKE 'nextval%', character_maximum_length
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position
            """, connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                columns.Add(new Column(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }
        var references = await ForeignKeysAsync(connection, table);
        var values = columns.Where(c => !c.Generated)
            .Select(c => (c.Name, Value: !c.Nullable && references.TryGetValue(c.Name, out var target)
                ? Value(target.Table, c with { Name = target.Column }, rows) // the same expression as the key it names, row for row
                : Value(table, c, rows)))
            .Where(c => c.Value is not null).ToList();
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Select(v => $"\"{v.Name}\""))}) "
                  + $"SELECT {string.Join(", ", values.Select(v => v.Value))} FROM generate_series(1, {rows.ToString(CultureInfo.InvariantCulture)}) AS g";
        long inserted;
        await using (var insert = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 })
            inserted = await insert.ExecuteNonQueryAsync();
        // VACUUM as well as ANALYZE: a day of traffic has been vacuumed as it came (autovacuum, also after inserts), while a million
        // rows written at once would be vacuumed by autovacuum during the measured phases, and its workers counted as PostgreSQL's CPU.
        await using (var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) \"{table}\"", connection) { CommandTimeout = 0 })
            await vacuum.ExecuteNonQueryAsync();
        return inserted;
    }

    /// <summary>The table's single-column foreign keys: column → (the table and column it names).</summary>
    static async Task<Dictionary<string, (string Table, string Column)>> ForeignKeysAsync(NpgsqlConnection connection, string table)
    {
        var keys = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            SELECT a.attname, target.relname, ta.attname
            FROM pg_constraint c
            JOIN pg_class source ON source.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = source.relnamespace AND n.nspname = 'public'
            JOIN pg_class target ON target.oid = c.confrelid
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND source.relname = @table AND cardinality(c.conkey) = 1
            """, connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        return keys;
    }

    /// <summary>An expression of <c>g</c> (the row number) for the column; null leaves it to its default (or NULL).</summary>
    static string? Value(string table, Column column, int rows)
    {
        var text = column.MaxLength is { } max ? $"left('h{table[..1]}-' || g, {max})" : $"'hist-{table}-' || g";
        return column.Type switch
        {
            "uuid" => column.Nullable ? null : $"md5('{table}.{column.Name}.' || g)::uuid",
            "text" or "character varying" or "character" => text,
            "integer" or "bigint" => "g",
            "smallint" => "(g % 30000)::smallint",
            "numeric" or "double precision" or "real" => "0",
            "boolean" => "false",
            "timestamp with time zone" or "timestamp without time zone" =>
                $"(now() - interval '1 day' + g * (interval '86000 seconds' / {rows.ToString(CultureInfo.InvariantCulture)}))",
            "date" => "current_date",
            "interval" => "interval '0'",
            "json" or "jsonb" => column.Nullable ? null : "'{}'",
            "bytea" => column.Nullable ? null : "'\\x00'::bytea",
            "xid" => null,
            _ => column.Nullable ? null : throw new NotSupportedException($"{table}.{column.Name}: {column.Type}"),
        };
    }
}
