using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Configuration;
using Payments.Cli.Audit;
using Payments.Cli.Backfill;
using Payments.Cli.Configuration;
using Payments.Cli.CustomerSync;
using Payments.Cli.Faults;
using Payments.Cli.Outbox;
using Payments.Cli.PayoutReconciliation;
using Payments.Cli.Risk;
using Payments.Cli.StripeSubscription;
using Payments.Cli.StripeWebhooks;

namespace Payments.Cli;

/// <summary>
/// <c>payments</c>, the operator's command. System.CommandLine parses, validates, prints help and offers completion;
/// each command group lives in a folder of its own and is registered by one line in <see cref="Groups"/> (see README.md).
/// </summary>
public static class PaymentsCommand
{
    /// <summary>Every command group: a folder with a <c>Create(CliContext)</c> that builds its <see cref="Command"/>.</summary>
    static readonly Func<CliContext, Command>[] Groups =
    [
        FaultsCommand.Create,
        OutboxCommand.Create,
        RiskCommand.Create,
        PayoutsCommand.Create,
        CustomersCommand.Create,
        SubscriptionsCommand.Create,
        ItemsCommand.Create,
        StripeWebhooksCommand.Create,
        ConfigCommand.Create,
        BackfillCommand.Create,
        AuditCommand.Create,
    ];

    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand(
            "Operates the Payments hub. Settings as the services read them: the environment or an appsettings.json beside the command. "
            + $"Exit codes: {ExitCodes.Done} done, {ExitCodes.Failed} nothing matched or a system failed, {ExitCodes.Usage} usage.");
        foreach (var group in Groups)
            root.Add(group(context));
        return root;
    }

    /// <summary>Runs <paramref name="args"/> with the settings in <paramref name="configuration"/>; results to <paramref name="output"/>.</summary>
    public static Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(configuration, CliContext.ConsoleFor(output), error), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parsed = Create(context).Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            // The errors, a suggestion for a mistyped word, and the command's help: all on stderr, so stdout holds only results.
            await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Error, Error = context.Error }, cancellationToken);
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(
            new InvocationConfiguration { Output = context.Out.Profile.Out.Writer, Error = context.Error }, cancellationToken);
    }
}
