using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Payments.Benchmarks.Databases;

/// <summary>A fresh SQLite file in a temporary folder, as a service's default provider creates it; deleted afterwards.</summary>
public sealed class SqliteBenchmarkDatabase : BenchmarkDatabase
{
    readonly string _directory = Path.Combine(Path.GetTempPath(), "payments-bench-" + Guid.NewGuid().ToString("N"));
    readonly string _connectionString;
    string _pragmas = "";

    /// <param name="fileName">The database file's name, e.g. the service's: <c>gateway.db</c>.</param>
    public SqliteBenchmarkDatabase(string fileName = "gateway.db")
    {
        Directory.CreateDirectory(_directory);
        _connectionString = $"Data Source={Path.Combine(_directory, fileName)}";
    }

    public override string Name => "SQLite";

    public override string Describe() => $"SQLite {SqliteVersion()} ({_pragmas})";

    public override IReadOnlyDictionary<string, string?> ServiceConfiguration(string connectionStringName) => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        [$"ConnectionStrings:{connectionStringName}"] = _connectionString,
    };

    protected override string RawTableDefinition => $"CREATE TABLE {RawTable} (id TEXT NOT NULL PRIMARY KEY, payload TEXT NOT NULL)";

    public override async Task InspectAsync()
    {
        // As the service left the file: EF Core creates SQLite databases in WAL mode; synchronous is SQLite's default.
        _pragmas = $"journal_mode={await ScalarAsync("PRAGMA journal_mode")}, synchronous={Synchronous(await ScalarAsync("PRAGMA synchronous"))}";
    }

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }

    static string Synchronous(object? level) => Convert.ToInt64(level, System.Globalization.CultureInfo.InvariantCulture) switch
    {
        0 => "OFF",
        1 => "NORMAL",
        2 => "FULL",
        3 => "EXTRA",
        var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
