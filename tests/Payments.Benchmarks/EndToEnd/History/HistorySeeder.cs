using System.Globalization;
using Npgsql;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.History;

/// <summary>
/// A day of retained traffic in the tables that grow: the bus inbox and outbox (<c>InboxState</c>, <c>OutboxState</c>,
/// <c>OutboxMessage</c>) of every service, the saga rows (tables named <c>…State</c>), the gateway's webhook records and the audit trail.
/// Given sample flows already run on the databases, a table they left rows in is filled with copies of those rows
/// (<see cref="CopySampleAsync"/>: the rows per flow, widths and key shapes of real traffic); a bus outbox table they left empty stays
/// empty; any other (the saga table of another flow) gets one generated row per flow, written with <c>INSERT … SELECT
/// generate_series</c>. Generated rows look finished: every timestamp is set (within the last day), so no relay, scheduler or sweeper
/// takes them up; nullable ids stay null, and a required foreign key takes the value its row number has in the table it names, which is
/// seeded first (tables go in name order). Columns, indexes and foreign keys are read from the catalogue, so the seeding follows the
/// schema the migrations made.
/// </summary>
public static class HistorySeeder
{
    static readonly HashSet<string> Growing = ["InboxState", "OutboxState", "OutboxMessage", "WebhookEvents", "audit_entries", "audit_references"];

    /// <summary>
    /// Seeds <paramref name="flows"/> flows of history. With a <paramref name="sampleFlows"/> &gt; 0, the tables those flows (already run
    /// on these databases) left rows in are copied from those rows (<see cref="CopySampleAsync"/>); the other growing tables get
    /// generated rows as before, except the bus outbox tables, which a day of traffic leaves empty (delivered outboxes and their messages
    /// are deleted).
    /// </summary>
    public static async Task<string> SeedAsync(ServiceDatabases databases, int flows, EndToEndReport report, int sampleFlows = 0)
    {
        var total = 0L;
        var tables = 0;
        foreach (var (key, connectionString) in databases.Settings.Where(s => s.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
        {
            // Unpooled: a pooled session would stay open, idle, into the measured phases, holding the seeding's CPU as a backend's.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            var database = key["ConnectionStrings__".Length..];
            foreach (var table in await TablesAsync(connection))
            {
                try
                {
                    var sampled = sampleFlows > 0 ? await CountAsync(connection, table) : 0;
                    long rows;
                    string how;
                    if (sampled > 0)
                    {
                        var copies = Math.Max(1, (int)Math.Round((double)flows / sampleFlows) - 1);
                        rows = await CopySampleAsync(connection, table, copies, sampleFlows);
                        how = $"{sampled:N0} rows of {sampleFlows:N0} flows ({(double)sampled / sampleFlows:0.##} per flow) copied {copies:N0} times";
                    }
                    else if (sampleFlows > 0 && BusOutbox.Contains(table))
                    {
                        report.Line($"  {database}.{table}: none (the sample flows left none here)");
                        continue;
                    }
                    else
                    {
                        rows = await SeedTableAsync(connection, table, flows);
                        how = sampleFlows > 0 ? "generated (no sample rows: another flow's table)" : "generated";
                    }
                    await VacuumAsync(connection, table);
                    total += rows;
                    tables++;
                    report.Line($"  {database}.{table}: {rows:N0} rows, {how}");
                }
                catch (Exception e) when (e is PostgresException or NotSupportedException)
                {
                    report.Line($"  {database}.{table}: NOT seeded ({e.Message})");
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

    static readonly HashSet<string> BusOutbox = ["InboxState", "OutboxState", "OutboxMessage"];

    static async Task<long> CountAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A day of the flows the sample stands for, made from the sample's own rows, so the history has the rows per flow, the widths (a
    /// webhook's body, an audit entry's request) and the key shapes the flows really leave: <c>INSERT … SELECT</c> from the table
    /// crossed with <c>generate_series(1, copies)</c>. In copy g, a uuid becomes <c>md5(uuid:g)</c> — the same original, the same new
    /// value within a copy, so an audit reference still names its entry and a conversation still joins its entries; an indexed text
    /// value that belongs to one flow (a Stripe id, a subject) keeps its first four characters (<c>evt_</c>, <c>ch_</c>) and gets a
    /// random rest, so it sorts among the live ones as the real ids of a day would, while one that many flows share (a state name, an
    /// item list) is kept; each timestamp moves back by g/copies of a day, so the copies are finished rows of the last day (and the
    /// sample's pending-work columns, all empty once its flows completed, stay empty). Identity columns take their defaults.
    /// </summary>
    static async Task<long> CopySampleAsync(NpgsqlConnection connection, string table, int copies, int sampleFlows)
    {
        var columns = await ColumnsAsync(connection, table);
        var indexed = await IndexedColumnsAsync(connection, table);
        var shared = Math.Max(2, sampleFlows / 2).ToString(CultureInfo.InvariantCulture);
        // Each copy's own suffix (g numbers the copies), so the same original gives the same value within a copy.
        const string salt = "':' || g";
        var windows = new List<string>();
        var values = new List<(string Name, string Value)>();
        foreach (var column in columns.Where(c => !c.Generated))
        {
            var source = $"s.\"{column.Name}\"";
            string value;
            switch (column.Type)
            {
                case "uuid":
                    value = $"md5({source}::text || {salt})::uuid";
                    break;
                case "text" or "character varying" or "character" when indexed.Contains(column.Name):
                    var count = $"\"__n{windows.Count}\"";
                    windows.Add($"count(*) OVER (PARTITION BY t.\"{column.Name}\") AS {count}");
                    var random = $"left({source}, 4) || md5({source} || {salt})";
                    value = $"CASE WHEN s.{count} >= {shared} THEN {source} ELSE {(column.MaxLength is { } max ? $"left({random}, {max})" : random)} END";
                    break;
                case "timestamp with time zone" or "timestamp without time zone":
                    value = $"{source} - g * (interval '86000 seconds' / {copies.ToString(CultureInfo.InvariantCulture)})";
                    break;
                default:
                    value = source;
                    break;
            }
            values.Add((column.Name, value));
        }
        var sample = windows.Count == 0 ? $"\"{table}\"" : $"(SELECT t.*, {string.Join(", ", windows)} FROM \"{table}\" t)";
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Select(v => $"\"{v.Name}\""))}) "
                  + $"SELECT {string.Join(", ", values.Select(v => v.Value))} FROM {sample} AS s, generate_series(1, {copies.ToString(CultureInfo.InvariantCulture)}) AS g";
        await using var insert = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Columns that are part of any index of the table: the ones whose values decide where a new row's index entries go.</summary>
    static async Task<HashSet<string>> IndexedColumnsAsync(NpgsqlConnection connection, string table)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT a.attname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
            WHERE c.relname = @table
            """, connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    // VACUUM as well as ANALYZE: a day of traffic has been vacuumed as it came (autovacuum, also after inserts), while a million
    // rows written at once would be vacuumed by autovacuum during the measured phases, and its workers counted as PostgreSQL's CPU.
    static async Task VacuumAsync(NpgsqlConnection connection, string table)
    {
        await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) \"{table}\"", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
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

    static async Task<List<Column>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        var columns = new List<Column>();
        await using var command = new NpgsqlCommand("""
            SELECT column_name, data_type, is_nullable = 'YES', is_identity = 'YES' OR coalesce(column_default, '') LIKE 'nextval%', character_maximum_length
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position
            """, connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns.Add(new Column(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        return columns;
    }

    static async Task<long> SeedTableAsync(NpgsqlConnection connection, string table, int rows)
    {
        var columns = await ColumnsAsync(connection, table);
        var references = await ForeignKeysAsync(connection, table);
        var values = columns.Where(c => !c.Generated)
            .Select(c => (c.Name, Value: !c.Nullable && references.TryGetValue(c.Name, out var target)
                ? Value(target.Table, c with { Name = target.Column }, rows) // the same expression as the key it names, row for row
                : Value(table, c, rows)))
            .Where(c => c.Value is not null).ToList();
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Select(v => $"\"{v.Name}\""))}) "
                  + $"SELECT {string.Join(", ", values.Select(v => v.Value))} FROM generate_series(1, {rows.ToString(CultureInfo.InvariantCulture)}) AS g";
        await using var insert = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await insert.ExecuteNonQueryAsync();
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
