using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Payments.Persistence.Diagnostics;
using Payments.Persistence.Migrations;

namespace Payments.Persistence.Configuration;

public static class DbContextRegistrationExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the provider chosen by <c>Database:Provider</c> with the connection
    /// string <c>ConnectionStrings:{name}</c>, and (unless <c>Database:MigrateOnStartup</c> is false) applies that
    /// provider's migrations when the host starts. Call it before <c>AddPaymentsBus</c> so the schema exists before
    /// the bus starts consuming.
    /// </summary>
    public static IHostApplicationBuilder AddPaymentsDbContext<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!Enum.IsDefined(options.Provider))
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not one of Sqlite, Postgres, SqlServer.");

        var connectionString = options.GetConnectionString(builder.Configuration, name);
        builder.Services.AddPaymentsDbContext<TContext>(options.Provider, connectionString);
        builder.Services.TryAddDatabaseOptions(options);
        if (options.MigrateOnStartup)
            builder.Services.AddHostedService<DatabaseMigrationService<TContext>>();
        return builder;
    }

    /// <summary>Registers <typeparamref name="TContext"/> on an explicit provider and connection string (tests, tools).</summary>
    public static IServiceCollection AddPaymentsDbContext<TContext>(this IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : DbContext
    {
        // Pooled: a context per message (and per audit entry) is built from scratch otherwise, its internal services resolved each
        // time. Every context here takes only its options and keeps no state of its own; EF Core resets the change tracker and the
        // database facade's settings (auto-savepoints, which the outbox switches off) when one goes back to the pool.
        services.AddDbContextPool<TContext>(options => options.UsePaymentsProvider(provider, connectionString));
        services.TryAddDatabaseOptions(new DatabaseOptions { Provider = provider });
        return services;
    }

    /// <summary>
    /// Configures the provider, its per-provider migrations folder, the provider's conventions, and EF Core's logging of
    /// expected errors (<see cref="ExpectedDatabaseErrors"/>).
    /// </summary>
    public static DbContextOptionsBuilder UsePaymentsProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(WithPostgresDefaults(connectionString));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Use Sqlite, Postgres or SqlServer.");
        }

        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        // Lets a caller mark a database error it handles as expected (ExpectedDatabaseErrors), so EF Core does not log it as an error.
        options.ReplaceService<ILoggerFactory, ExpectedErrorsLoggerFactory>();
        return options;
    }

    /// <summary>
    /// Two defaults for PostgreSQL, each kept when the connection string names it:
    /// <list type="bullet">
    /// <item><c>No Reset On Close</c>: Npgsql resets a pooled connection with DISCARD ALL each time it is handed out again, one more
    /// statement per unit of work (about a third of the saga database's statements per flow). The services keep no session state on a
    /// connection (no SET, temporary table, advisory lock or LISTEN), so there is nothing to reset.</item>
    /// <item><c>Max Auto Prepare</c> (<see cref="AutoPreparedStatements"/>): the services send the same few dozen statements over and
    /// over (inbox, outbox, saga rows, audit entries); without preparation PostgreSQL parses and plans each one every time, which was a
    /// large part of its CPU per flow in the end-to-end benchmark.</item>
    /// </list>
    /// </summary>
    static string WithPostgresDefaults(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for any keyword it knows, set or not: look at what the string says.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            builder.NoResetOnClose = true;
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.MaxAutoPrepare = AutoPreparedStatements;
        return builder.ConnectionString;
    }

    /// <summary>Statements Npgsql prepares per connection once used <c>Auto Prepare Min Usages</c> times (5 by default).</summary>
    public const int AutoPreparedStatements = 64;

    static void TryAddDatabaseOptions(this IServiceCollection services, DatabaseOptions options)
    {
        if (services.All(d => d.ServiceType != typeof(IOptions<DatabaseOptions>)))
            services.AddSingleton(Options.Create(options));
    }
}
