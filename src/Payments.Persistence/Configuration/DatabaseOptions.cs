using System.Data.Common;
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

    /// <summary>
    /// Passwords of the connection strings by name (<c>Database:Passwords:Gateway</c>), set into <c>ConnectionStrings:{name}</c>'s
    /// <c>Password</c>: the connection string can stay in plain configuration while its password is a secret file
    /// (<c>/run/secrets/Database__Passwords__Gateway</c>, see docker-compose.yml). Not for SQLite, whose files have none.
    /// </summary>
    public Dictionary<string, string> Passwords { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The connection string for the context registered as <paramref name="name"/>; SQLite falls back to a file named after it.</summary>
    public string GetConnectionString(IConfiguration configuration, string name)
    {
        var connectionString = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
            return WithPassword(connectionString, name);

        if (Provider == DatabaseProvider.Sqlite)
            return $"Data Source={name}.db";

        throw new InvalidOperationException(
            $"Database:Provider is {Provider} but ConnectionStrings:{name} is not set. Set it (for example the environment variable ConnectionStrings__{name}).");
    }

    string WithPassword(string connectionString, string name)
    {
        if (Provider == DatabaseProvider.Sqlite || !Passwords.TryGetValue(name, out var password) || string.IsNullOrEmpty(password))
            return connectionString;
        // The generic builder quotes the value as each provider's parser expects (';', quotes and spaces included).
        return new DbConnectionStringBuilder { ConnectionString = connectionString, ["Password"] = password }.ConnectionString;
    }
}
