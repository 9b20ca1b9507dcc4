using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Payments.Gateway.Data;

/// <summary>
/// Registers <see cref="GatewayDbContext"/> on the provider named by <c>Database:Provider</c> (Sqlite | Postgres | SqlServer)
/// with <c>ConnectionStrings:Gateway</c>; SQLite defaults to <c>./.data/gateway.db</c>. The schema is created at start-up
/// (EnsureCreated) until the gateway moves to migrations.
/// </summary>
public static class GatewayDatabase
{
    public const string ConnectionStringName = "Gateway";
    const string DefaultSqlite = "Data Source=.data/gateway.db";

    public static IHostApplicationBuilder AddGatewayDatabase(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);

        builder.Services.AddDbContext<GatewayDbContext>(options =>
        {
            switch (provider.ToLowerInvariant())
            {
                case "sqlite":
                    options.UseSqlite(PrepareSqlite(connectionString ?? DefaultSqlite));
                    break;
                case "postgres":
                    options.UseNpgsql(Required(connectionString, provider));
                    break;
                case "sqlserver":
                    options.UseSqlServer(Required(connectionString, provider));
                    break;
                default:
                    throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite, Postgres or SqlServer.");
            }
        });
        builder.Services.AddHostedService<GatewaySchemaCreator>();
        builder.Services.AddHealthChecks().AddCheck<GatewayDatabaseHealthCheck>("gateway-database");
        return builder;
    }

    static string Required(string? connectionString, string provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Database:Provider is {provider} but ConnectionStrings:{ConnectionStringName} is not set.")
            : connectionString;

    /// <summary>SQLite cannot create the file's directory itself.</summary>
    static string PrepareSqlite(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && !string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        return connectionString;
    }

    sealed class GatewaySchemaCreator(IServiceProvider services) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            // Creates the database, and the tables when the database is empty.
            await db.Database.EnsureCreatedAsync(cancellationToken);
            // EnsureCreated does nothing in a database that already holds other services' tables: add ours there.
            if (!await TablesExistAsync(db, cancellationToken))
                await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        }

        static async Task<bool> TablesExistAsync(GatewayDbContext db, CancellationToken cancellationToken)
        {
            try
            {
                await db.StripeWebhookEvents.AnyAsync(cancellationToken);
                await db.RejectedStripeWebhooks.AnyAsync(cancellationToken);
                return true;
            }
            catch (DbException)
            {
                return false;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
