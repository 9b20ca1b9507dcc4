using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;
using Spectre.Console;

namespace Payments.Cli.Audit;

/// <summary>
/// <c>payments audit &lt;id&gt; [--format table|json]</c>: the story of one payment across systems, oldest first — the event that began
/// it, each write to P21, Znode and Stripe with its flow, step, outcome and the id it created, and operators' actions — read from
/// the audit trail (<c>Database__Provider</c>, <c>ConnectionStrings__Audit</c>; docs/operations.md, "Audit trail").
/// </summary>
public static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id")
        {
            Description = "A charge, payment intent, refund, dispute, payout or customer id (ch_…, pi_…, po_…, cus_…), a Stripe event id, a P21 or Znode order number, or a correlation key (stripe-payment:pi_…)",
        };
        var format = new Option<string>("--format")
        {
            Description = "table (default) or json (one array, for scripts)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("audit", "The story of one payment across systems, oldest first, from the audit trail. "
                                           + "Database as the services write it: Database__Provider and ConnectionStrings__Audit.")
        {
            id,
            format,
        };
        command.SetAction((parsed, cancellationToken) => StoryAsync(context, parsed.GetRequiredValue(id), parsed.GetValue(format) ?? "table", cancellationToken));
        return command;
    }

    static async Task<int> StoryAsync(CliContext context, string id, string format, CancellationToken cancellationToken)
    {
        var options = context.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        string connectionString;
        try
        {
            connectionString = options.GetConnectionString(context.Configuration, AuditDbContext.ConnectionStringName);
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Failed;
        }

        var services = new ServiceCollection();
        services.AddPaymentsDbContext<AuditDbContext>(options.Provider, connectionString);
        services.AddSingleton<IAuditTrail, EfAuditTrail>();
        await using var provider = services.BuildServiceProvider();
        IReadOnlyList<AuditEntry> story;
        try
        {
            story = await provider.GetRequiredService<IAuditTrail>().StoryAsync(id, cancellationToken);
        }
        catch (DbException e)
        {
            await context.Error.WriteLineAsync($"payments: the audit database ({options.Provider}, ConnectionStrings:{AuditDbContext.ConnectionStringName}): {e.Message}");
            return ExitCodes.Failed;
        }

        if (story.Count == 0)
        {
            await context.Error.WriteLineAsync($"payments: the audit trail has nothing about {id}");
            return ExitCodes.Failed;
        }

        if (format == "json")
        {
            context.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(story, Json));
            return ExitCodes.Done;
        }

        context.Out.WriteLine($"{id}: {story.Count} entries, oldest first");
        var table = new Table().AddColumns("At (UTC)", "System", "Action", "Flow / step", "Subject", "Outcome", "Result", "Caused by", "By");
        foreach (var e in story)
        {
            table.AddRow(
                new Text(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)),
                new Text(e.System),
                new Text(e.Action),
                new Text(string.Join(" / ", new[] { e.Flow, e.Step }.Where(s => s is not null))),
                new Text(e.Subject ?? ""),
                new Text(e.StatusCode is { } status ? $"{e.Outcome} ({status}{(e.DurationMs is { } ms ? $", {ms} ms" : "")})" : e.Outcome),
                new Text(e.Result ?? ""),
                new Text(e.CausedBy ?? ""),
                new Text(e.Actor ?? e.Service));
        }
        context.Out.Write(table);
        return ExitCodes.Done;
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
