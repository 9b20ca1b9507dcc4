using Microsoft.Extensions.Configuration;

namespace Payments.Persistence.Configuration;

/// <summary>
/// Section <c>Database</c>: which provider every DbContext of the process uses. Each context's connection string
/// is <c>ConnectionStrings:{name}</c>, the name given to <see cref="DbContextRegistrationExtensions.AddPaymentsDbContext{TContext}"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts (before the bus starts, if registered before it).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The connection string for the context registered as <paramref name="name"/>; SQLite falls back to a file named after it.</summary>
    public string GetConnectionString(IConfiguration configuration, string name)
    {
        var connectionString = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
            return connectionString;

        if (Provider == DatabaseProvider.Sqlite)
            return $"Data Source={name}.db";

        throw new InvalidOperationException(
            $"Database:Provider is {Provider} but ConnectionStrings:{name} is not set. Set it (for example the environment variable ConnectionStrings__{name}).");
    }
}
