using System.Globalization;
using Npgsql;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.History;

/// <summary>
/// A day of retained traffic in the tables that grow, written with <c>INSERT … SELECT generate_series</c>: the bus inbox and outbox
/// (<c>InboxState</c>, <c>OutboxState</c>, <c>OutboxMessage</c>) of every service, the saga rows (tables named <c>…State</c>), the
/// gateway's webhook records and the audit trail. Rows look finished: every timestamp is set (within the last day), so no relay,
/// scheduler or sweeper takes them up; nullable ids (the outbox's links to an inbox or outbox) stay null, so no foreign key is broken.
/// Columns are read from the catalogue, so the seeding follows the schema the migrations made.
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
            await using var connection = new NpgsqlConnection(connectionString);
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
        return $"{total:N0} rows in {tables} tables";
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
        var values = columns.Where(c => !c.Generated).Select(c => (c.Name, Value: Value(table, c, rows))).Where(c => c.Value is not null).ToList();
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Select(v => $"\"{v.Name}\""))}) "
                  + $"SELECT {string.Join(", ", values.Select(v => v.Value))} FROM generate_series(1, {rows.ToString(CultureInfo.InvariantCulture)}) AS g";
        long inserted;
        await using (var insert = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 })
            inserted = await insert.ExecuteNonQueryAsync();
        await using (var analyze = new NpgsqlCommand($"ANALYZE \"{table}\"", connection) { CommandTimeout = 0 })
            await analyze.ExecuteNonQueryAsync();
        return inserted;
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
