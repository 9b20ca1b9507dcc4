using System.CommandLine;
using System.Diagnostics;
using Payments.Cli.Audit;
using Payments.Persistence.Audit;
using Payments.ServiceDefaults.Faults;
using Spectre.Console;

namespace Payments.Cli.Faults;

/// <summary><c>payments faults redrive &lt;error-queue&gt; (--message-id id | --all)</c>: messages back to the queue they failed in.</summary>
static class RedriveFaultsCommand
{
    public static Command Create(CliContext context)
    {
        var errorQueue = new Argument<string>("error-queue")
        {
            Description = "The _error queue, e.g. post-p21-order_error; its messages go back to the queue named before _error.",
        };
        errorQueue.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            if (!name.EndsWith(FaultHeaders.ErrorSuffix, StringComparison.Ordinal))
                result.AddError($"'{name}' is not an error queue: its name must end in '{FaultHeaders.ErrorSuffix}'.");
        });
        var messageId = new Option<string?>("--message-id")
        {
            Description = "Only this message: its MessageId, as `payments faults list` shows it.",
            HelpName = "id",
        };
        var all = new Option<bool>("--all") { Description = "Every message in the queue, with a progress bar on a terminal." };
        var command = new Command("redrive",
            "Moves messages back to the queue they failed in, without their fault headers, keeping their MessageId. "
            + "Each is acknowledged in the error queue only after the broker confirmed its copy in the source queue.")
        {
            errorQueue,
            messageId,
            all,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(messageId) is not null) == result.GetValue(all))
                result.AddError("redrive needs exactly one of --message-id <id> or --all");
        });
        command.SetAction((parsed, cancellationToken) => FaultsCommand.OnBrokerAsync(context,
            faults => RedriveAsync(context, faults, parsed.GetRequiredValue(errorQueue), parsed.GetValue(messageId), cancellationToken)));
        return command;
    }

    static async Task<int> RedriveAsync(CliContext context, FaultQueues faults, string errorQueue, string? messageId,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = messageId is null && context.Out.Profile.Capabilities.Interactive
            ? await context.Out.Progress().StartAsync(progress =>
            {
                var source = FaultHeaders.SourceQueueOf(errorQueue);
                var task = progress.AddTask(Markup.Escape($"{errorQueue} → {source}"), maxValue: 1);
                return faults.RedriveAsync(errorQueue, null, new ProgressOf(task), cancellationToken);
            })
            : await faults.RedriveAsync(errorQueue, messageId, null, cancellationToken);

        context.Out.WriteLine($"moved {result.Moved} message(s) from {result.ErrorQueue} to {result.SourceQueue}; {result.Left} left in {result.ErrorQueue}");
        await new OperatorActions(context).RecordAsync("redrive",
            messageId is null ? $"{errorQueue} --all" : $"{errorQueue} message {messageId}",
            result.Moved > 0 || messageId is null ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
            $"moved {result.Moved} to {result.SourceQueue}, {result.Left} left", subject: null, $"{errorQueue} {messageId}".Trim(), started, cancellationToken);
        if (messageId is not null && result.Moved == 0)
        {
            await context.Error.WriteLineAsync($"payments: no message with id {messageId} in {errorQueue}");
            return ExitCodes.Failed;
        }
        return ExitCodes.Done;
    }

    /// <summary>Moves the bar as the broker confirms each message; synchronous, so the bar never runs behind the count.</summary>
    sealed class ProgressOf(ProgressTask task) : IProgress<RedriveProgress>
    {
        public void Report(RedriveProgress value)
        {
            task.MaxValue = Math.Max(1, value.Waiting);
            task.Value = value.Moved;
        }
    }
}
