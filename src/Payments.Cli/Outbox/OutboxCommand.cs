using System.CommandLine;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;

namespace Payments.Cli.Outbox;

/// <summary>
/// <c>payments outbox list|retry|park --service s</c>: the bus outboxes a service's relay has not delivered (see
/// src/Payments.Persistence/README.md); the work is in <see cref="Payments.Persistence.BusOutbox.OutboxAdministration"/>.
/// </summary>
public static class OutboxCommand
{
    /// <summary>The services with an outbox, by the name an operator types, and their connection string's name.</summary>
    static readonly Dictionary<string, string> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gateway"] = "Gateway",
        ["sagas"] = "Sagas",
        ["p21"] = "P21Service",
        ["stripe"] = "StripeService",
        ["znode"] = "ZnodeService",
    };

    public static Command Create(CliContext context)
    {
        var service = ServiceOption();
        return new("outbox",
            "Lists, retries and parks the bus outboxes a service has not delivered (an alert names them). "
            + "Database as the services read it: Database__Provider and ConnectionStrings__<Gateway|Sagas|P21Service|StripeService|ZnodeService>.")
        {
            // On the group, for every subcommand: `payments outbox list --service gateway`.
            service,
            ListOutboxCommand.Create(context, service),
            RetryOutboxCommand.Create(context, service),
            ParkOutboxCommand.Create(context, service),
        };
    }

    static Option<string> ServiceOption()
    {
        var service = new Option<string>("--service")
        {
            Description = $"Whose database: {string.Join(", ", Services.Keys)}.",
            HelpName = "service",
            Required = true,
            Recursive = true,
        };
        service.AcceptOnlyFromAmong([.. Services.Keys]);
        return service;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the database of <paramref name="service"/>; a database that cannot be reached or
    /// has no outbox tables is one line on stderr and exit 1.
    /// </summary>
    internal static async Task<int> OnDatabaseAsync(CliContext context, string service, Func<DbContext, Task<int>> work)
    {
        var name = Services[service];
        var options = context.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        string connectionString;
        try
        {
            connectionString = options.GetConnectionString(context.Configuration, name);
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Failed;
        }

        var builder = new DbContextOptionsBuilder<SharedInboxOutboxDbContext>().UsePaymentsProvider(options.Provider, connectionString);
        try
        {
            // The outbox tables are the same in every service's database (OutboxModelBuilderExtensions).
            await using var db = new SharedInboxOutboxDbContext((DbContextOptions<SharedInboxOutboxDbContext>)builder.Options);
            return await work(db);
        }
        catch (DbException e)
        {
            await context.Error.WriteLineAsync($"payments: the {service} database ({options.Provider}, ConnectionStrings:{name}): {e.Message}");
            return ExitCodes.Failed;
        }
    }

    internal static Argument<Guid> OutboxIdArgument(string description) => new("outbox-id")
    {
        Description = description,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return Guid.Empty;
            var token = result.Tokens[0].Value;
            if (Guid.TryParse(token, out var id))
                return id;
            result.AddError($"'{token}' is not an outbox id (a GUID, as `payments outbox list` shows it)");
            return Guid.Empty;
        },
    };
}
