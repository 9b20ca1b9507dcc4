using Microsoft.Data.Sqlite;
using Payments.Persistence.Configuration;

namespace Payments.Testing;

/// <summary>
/// A fresh, empty database for one test: a SQLite file, or a new database on the server named by
/// <c>PAYMENTS_TEST_POSTGRES</c> (see <see cref="TestPostgres"/>); without that variable PostgreSQL tests are ignored.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly string? _server;

    TestDatabase(DatabaseProvider provider, string connectionString, string? server)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _server = server;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <param name="provider">SQLite or PostgreSQL.</param>
    /// <param name="prefix">Starts the database name (a SQLite file in a folder of that name, or a PostgreSQL database), so leftovers tell whose they are.</param>
    public static async Task<TestDatabase> Create(DatabaseProvider provider, string prefix = "payments_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var directory = Path.Combine(Path.GetTempPath(), prefix.Replace('_', '-'));
                Directory.CreateDirectory(directory);
                return new TestDatabase(provider, $"Data Source={Path.Combine(directory, name + ".db")}", null);

            case DatabaseProvider.Postgres:
                var server = TestPostgres.ServerOrIgnore();
                var connectionStrings = await TestPostgres.CreateDatabasesAsync(server, name);
                return new TestDatabase(provider, connectionStrings[0], server);

            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Only SQLite and PostgreSQL run here.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
            SqliteFiles.Delete(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
        else
            await TestPostgres.DropDatabasesAsync(_server, ConnectionString);
    }
}
