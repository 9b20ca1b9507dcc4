using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;

namespace Payments.Cli.Audit;

/// <summary>
/// What an operator changed with this command (a redrive, an outbox retried or parked), recorded in the audit trail as the operations
/// console records its redrives (<c>System = operator</c>), so that <c>payments audit</c> tells it too. Written when
/// <c>ConnectionStrings:Audit</c> is set (as the services' is); otherwise, or when the audit database cannot be written, the action
/// still stands and one <c>payments:</c> line on stderr says it was not recorded.
/// </summary>
public sealed class OperatorActions(CliContext context)
{
    /// <summary>Who ran the command: the account and host, as far as the process knows them.</summary>
    public static string Actor => $"{Environment.UserName}@{Environment.MachineName} (payments command)";

    public async Task RecordAsync(string action, string request, string outcome, string result, string? subject, string references, long startedTimestamp,
        CancellationToken cancellationToken)
    {
        var options = context.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (string.IsNullOrWhiteSpace(context.Configuration.GetConnectionString(AuditDbContext.ConnectionStringName)))
        {
            await context.Error.WriteLineAsync($"payments: {action} not recorded in the audit trail: ConnectionStrings:{AuditDbContext.ConnectionStringName} is not set");
            return;
        }

        var services = new ServiceCollection();
        services.AddPaymentsDbContext<AuditDbContext>(options.Provider, options.GetConnectionString(context.Configuration, AuditDbContext.ConnectionStringName));
        services.AddSingleton<IAuditTrail, EfAuditTrail>();
        await using var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEntry
            {
                At = DateTimeOffset.UtcNow,
                Service = "payments-command",
                System = AuditSystems.Operator,
                Action = action,
                Subject = subject,
                Request = AuditEssentials.Cut(request),
                Outcome = outcome,
                Result = AuditEssentials.Cut(result),
                DurationMs = (long)Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds,
                Actor = Actor,
                References = references,
            }, cancellationToken);
        }
        catch (DbException e)
        {
            await context.Error.WriteLineAsync($"payments: {action} not recorded in the audit trail ({options.Provider}, ConnectionStrings:{AuditDbContext.ConnectionStringName}): {e.Message}");
        }
    }
}
