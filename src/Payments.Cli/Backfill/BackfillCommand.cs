using System.CommandLine;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Gateway.Backfill;
using Payments.Gateway.Data;
using Payments.Gateway.Sweep;
using Payments.Gateway.Webhooks;
using Payments.Persistence.BusOutbox;
using Payments.ServiceDefaults;
using Spectre.Console;
using Stripe;

namespace Payments.Cli.Backfill;

/// <summary>
/// <c>payments backfill --since DATE [--types charge,refund,…] [--dry-run]</c>: replays Stripe's history into the flows through the
/// gateway's own ingest (<see cref="StripeBackfill"/>), into the gateway's database and outbox; the running gateway's relay delivers.
/// Settings as the gateway reads them: <c>Stripe:ApiKey</c>, <c>Stripe:ApiBase</c>, <c>Database:Provider</c>,
/// <c>ConnectionStrings:Gateway</c>, <c>Bus:*</c> (the outbox rows carry the broker's addresses), <c>Gateway:Routing</c>.
/// </summary>
public static class BackfillCommand
{
    public static Command Create(CliContext context)
    {
        var since = new Option<DateTimeOffset>("--since")
        {
            Description = "Replay what was created since this date (UTC), e.g. 2026-10-01. Older than 30 days: charges, refunds, disputes and payouts from their lists.",
            HelpName = "date",
            Required = true,
            CustomParser = result => DateTimeOffset.TryParse(result.Tokens.Single().Value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : Invalid(result),
        };
        var types = new Option<string[]>("--types")
        {
            Description = "Only these kinds of Stripe object, comma-separated: charge, refund, dispute, payout, customer, subscription, invoice, payment_intent, early_fraud_warning. Default: every kind the flows take.",
            HelpName = "kinds",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be posted, write nothing." };
        var command = new Command("backfill",
            "Replays Stripe's history into the flows, idempotently (what the gateway recorded, and what the flows already booked, changes nothing); resumes where an interrupted run stopped.")
        {
            since,
            types,
            dryRun,
        };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(context, parsed.GetRequiredValue(since), parsed.GetValue(types) ?? [], parsed.GetValue(dryRun), cancellationToken));
        return command;

        static DateTimeOffset Invalid(System.CommandLine.Parsing.ArgumentResult result)
        {
            result.AddError($"--since: '{result.Tokens.Single().Value}' is not a date (e.g. 2026-10-01 or 2026-10-01T12:00:00Z).");
            return default;
        }
    }

    static async Task<int> RunAsync(CliContext context, DateTimeOffset since, string[] kinds, bool dryRun, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(context.Configuration["Stripe:ApiKey"]))
        {
            await context.Error.WriteLineAsync("payments: Stripe:ApiKey is not set (a key that may read events, charges, refunds, disputes and payouts)");
            return ExitCodes.Failed;
        }
        using var host = BuildHost(context.Configuration);
        var backfill = host.Services.GetRequiredService<StripeBackfill>();
        var policy = Enum.TryParse<ApiVersionMismatchPolicy>(context.Configuration["Gateway:ApiVersionMismatch"], ignoreCase: true, out var p) ? p : ApiVersionMismatchPolicy.Reject;
        var request = new BackfillRequest(since.ToUniversalTime(), kinds, dryRun, policy);

        BackfillSummary summary;
        try
        {
            summary = dryRun
                ? await DryRunAsync(context, backfill, request, cancellationToken)
                : await WithProgressAsync(context, backfill, request, cancellationToken);
        }
        catch (ArgumentException e)
        {
            await context.Error.WriteLineAsync($"payments: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (StripeException e)
        {
            await context.Error.WriteLineAsync($"payments: Stripe: {e.Message}");
            return ExitCodes.Failed;
        }

        foreach (var note in summary.Notes) context.Out.WriteLine($"Note: {note}");
        if (summary.AlreadyCompleted)
        {
            context.Out.WriteLine($"This backfill ({summary.Checkpoint}) was completed before: nothing to do.");
            return ExitCodes.Done;
        }
        if (summary.ResumedFrom is { } resumed) context.Out.WriteLine($"Resumed from {resumed:yyyy-MM-dd HH:mm} UTC (checkpoint {summary.Checkpoint}).");
        var outcomes = summary.Outcomes.Count == 0 ? "nothing found" : string.Join(", ", summary.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}"));
        context.Out.WriteLine($"{(dryRun ? "Dry run, nothing written" : "Backfill done")}: {summary.Total} events; {outcomes}.");
        return ExitCodes.Done;
    }

    /// <summary>One line per event: what it is and what would happen to it.</summary>
    static Task<BackfillSummary> DryRunAsync(CliContext context, StripeBackfill backfill, BackfillRequest request, CancellationToken cancellationToken) =>
        backfill.RunAsync(request, new InlineProgress(p =>
        {
            if (p.Item is { } item)
                context.Out.WriteLine($"{item.Created:yyyy-MM-dd HH:mm:ss}  {item.Type,-28} {item.ObjectId,-30} {item.EventId,-40} {item.Outcome}");
        }), cancellationToken);

    /// <summary>A progress bar per day of history (live on a terminal; plain lines elsewhere).</summary>
    static async Task<BackfillSummary> WithProgressAsync(CliContext context, StripeBackfill backfill, BackfillRequest request, CancellationToken cancellationToken)
    {
        BackfillSummary? summary = null;
        await context.Out.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask("Stripe history", maxValue: 1);
            var fed = 0;
            summary = await backfill.RunAsync(request, new InlineProgress(p =>
            {
                task.MaxValue = p.Windows;
                task.Value = p.Window - (p.Item is null ? 1 : 0.5);
                if (p.Item is { Outcome: "published" or "ignored" or "unrouted" }) fed++;
                task.Description = $"{p.WindowStart:yyyy-MM-dd} ({fed} fed)";
            }), cancellationToken);
            task.Value = task.MaxValue;
        });
        return summary!;
    }

    /// <summary>The gateway's ingest on the gateway's database, publishing into its outbox: the bus is built (for the outbox rows' addresses) but never started.</summary>
    static IHost BuildHost(IConfiguration configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.AddGatewayBackfill();
        builder.AddPaymentsBus(bus => bus.AddPaymentsBusOutbox<GatewayDbContext>(runRelay: false));
        return builder.Build();
    }

    /// <summary>Runs the callback on the reporting thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    sealed class InlineProgress(Action<BackfillProgress> report) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value) => report(value);
    }
}
