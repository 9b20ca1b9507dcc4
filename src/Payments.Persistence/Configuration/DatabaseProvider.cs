using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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
    /// <summary>Which of the supported providers a DbContext runs on (from EF's provider name).</summary>
    public static DatabaseProvider GetDatabaseProvider(this DatabaseFacade database) => FromProviderName(database.ProviderName);

    public static DatabaseProvider FromProviderName(string? providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseProvider.SqlServer,
        _ => throw new NotSupportedException($"EF Core provider '{providerName}' is not supported; use Sqlite, Postgres or SqlServer."),
    };
}
