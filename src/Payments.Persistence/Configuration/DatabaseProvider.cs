using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Payments.Persistence.Configuration;

/// <summary>The relational databases the services can store their state in.</summary>
public enum DatabaseProvider
{
    /// <summary>A local file; the sandbox default. One writer at a time.</summary>
    Sqlite,
    Postgres,
    SqlServer,
}

public static class DatabaseProviderExtensions
{
    /// <summary>
    /// Which of the supported providers a DbContext runs on. EF's <see cref="DatabaseFacade.ProviderName"/> reads the provider
    /// assembly's name on every call (a CPU profile showed it under each message's lock statement and audit write), so the
    /// answer is kept per provider type.
    /// </summary>
    public static DatabaseProvider GetDatabaseProvider(this DatabaseFacade database)
    {
        var provider = database.GetService<IDatabaseProvider>();
        return Known.GetOrAdd(provider.GetType(), static (_, p) => FromProviderName(p.Name), provider);
    }

    static readonly ConcurrentDictionary<Type, DatabaseProvider> Known = new();

    /// <summary>
    /// On PostgreSQL, lets the transaction begun on <paramref name="database"/> commit without waiting for its write-ahead log to reach
    /// the disk (https://www.postgresql.org/docs/current/wal-async-commit.html); the setting ends with that transaction, and the other
    /// providers commit as always. Only for bookkeeping that a database crash may lose because losing it means work done again, never
    /// work lost (the bus-outbox relay's claims and records, the gateway's intake marks). With <paramref name="withoutSequentialScans"/>
    /// the transaction's statements are also planned without sequential scans, in the same round trip
    /// (<see cref="BookkeepingSettings"/>).
    /// </summary>
    public static async Task SkipCommitFlushAsync(this DatabaseFacade database, bool withoutSequentialScans = false)
    {
        if (database.GetDatabaseProvider() == DatabaseProvider.Postgres)
            await database.ExecuteSqlRawAsync(BookkeepingSettings.SetLocal(withoutSequentialScans), CancellationToken.None);
    }

    public static DatabaseProvider FromProviderName(string? providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseProvider.SqlServer,
        _ => throw new NotSupportedException($"EF Core provider '{providerName}' is not supported; use Sqlite, Postgres or SqlServer."),
    };
}
