using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Payments.Persistence.Configuration;

namespace Payments.Persistence.Migrations;

/// <summary>
/// Base of the design-time factory <c>dotnet ef</c> uses to build a context without the host: derive one per
/// DbContext (<c>class GatewayDbContextFactory : PaymentsDesignTimeDbContextFactory&lt;GatewayDbContext&gt;;</c>) and
/// pick the provider after <c>--</c>:
/// <c>dotnet ef migrations add Initial -o Migrations/Postgres -- --provider Postgres</c>.
/// No database is contacted; the connection string is a placeholder unless <c>--connection</c> is given.
/// </summary>
public abstract class PaymentsDesignTimeDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Argument(args, "--provider") ?? Environment.GetEnvironmentVariable("Database__Provider") ?? "Sqlite",
            ignoreCase: true);
        var connectionString = Argument(args, "--connection") ?? provider switch
        {
            DatabaseProvider.Postgres => "Host=localhost;Database=design_time",
            DatabaseProvider.SqlServer => "Server=localhost;Database=design_time;TrustServerCertificate=True",
            _ => "Data Source=design_time.db",
        };

        var builder = new DbContextOptionsBuilder<TContext>();
        builder.UsePaymentsProvider(provider, connectionString);
        return Create(builder.Options);
    }

    /// <summary>Builds the context from options; override when its constructor takes more than the options.</summary>
    protected virtual TContext Create(DbContextOptions<TContext> options) => (TContext)Activator.CreateInstance(typeof(TContext), options)!;

    static string? Argument(string[] args, string name)
    {
        var index = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
