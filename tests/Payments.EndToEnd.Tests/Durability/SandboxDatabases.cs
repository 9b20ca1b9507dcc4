using Microsoft.Data.Sqlite;
using Payments.Operations.FlowRuns;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;
using Payments.Sandbox;
using Payments.Sandbox.Services;

namespace Payments.EndToEnd.Tests.Durability;

/// <summary>
/// Databases for one sandbox run, named explicitly so a second host can open the same ones: SQLite files in a fresh data
/// folder, or four new databases on the PostgreSQL server named by <c>PAYMENTS_TEST_POSTGRES</c> (the test command
/// starts one; without it PostgreSQL tests are ignored).
/// </summary>
sealed class SandboxDatabases : IAsyncDisposable
{
    // The services' databases, the operations console's, which the sandbox hosts beside them, and the audit trail's.
    static readonly string[] Names =
        [.. PaymentsServices.All.Select(s => s.ConnectionStringName), ConsoleDbContext.ConnectionStringName, AuditDbContext.ConnectionStringName];

    readonly string? _server;

    SandboxDatabases(DatabaseProvider provider, string dataDirectory, IReadOnlyDictionary<string, string> connectionStrings, string? server)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionStrings = connectionStrings;
        _server = server;
    }

    public DatabaseProvider Provider { get; }
    public string DataDirectory { get; }
    /// <summary>By connection-string name (<c>Gateway</c>, <c>Sagas</c>, <c>P21Service</c>, <c>StripeService</c>).</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings { get; }

    public static async Task<SandboxDatabases> Create(DatabaseProvider provider)
    {
        var id = Guid.NewGuid().ToString("N");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "payments-durability-" + id);
        Directory.CreateDirectory(dataDirectory);
        if (provider == DatabaseProvider.Sqlite)
            return new SandboxDatabases(provider, dataDirectory,
                Names.ToDictionary(n => n, n => $"Data Source={Path.Combine(dataDirectory, n + ".sqlite")}"), null);

        var server = TestPostgres.ServerOrIgnore();
        var connectionStrings = await TestPostgres.CreateDatabasesAsync(server, [.. Names.Select(n => $"payments_e2e_{n.ToLowerInvariant()}_{id}")]);
        return new SandboxDatabases(provider, dataDirectory, Names.Zip(connectionStrings).ToDictionary(p => p.First, p => p.Second), server);
    }

    /// <summary>The configuration a host needs for these databases (what the services read: Database:Provider, ConnectionStrings:*).</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = Provider.ToString() };
        foreach (var (name, connectionString) in ConnectionStrings)
            settings[$"ConnectionStrings:{name}"] = connectionString;
        return settings;
    }

    public SandboxOptions SandboxOptions() => new()
    {
        DataDirectory = DataDirectory,
        ConfigurationArgs = [.. Settings().Select(s => $"--{s.Key}={s.Value}")],
    };

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
        if (_server is not null)
            await TestPostgres.DropDatabasesAsync(_server, ConnectionStrings.Values);
    }
}
