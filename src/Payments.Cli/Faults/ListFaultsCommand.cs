using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Payments.ServiceDefaults.Faults;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Payments.Cli.Faults;

/// <summary><c>payments faults list [--queue q] [--max n]</c>: each error queue's count, and a table of its first messages.</summary>
static class ListFaultsCommand
{
    public static Command Create(CliContext context)
    {
        var queue = new Option<string?>("--queue")
        {
            Description = "Only this queue (its name, with or without _error).",
            HelpName = "queue",
        };
        var max = new Option<int>("--max")
        {
            Description = "Messages shown per queue; 0 shows the counts only.",
            HelpName = "n",
            DefaultValueFactory = _ => 20,
            CustomParser = WholeNumber,
        };
        var command = new Command("list",
            "Every *_error queue with its count and its first messages: id, type, exception, reason, retries. The messages stay where they are.")
        {
            queue,
            max,
        };
        command.SetAction((parsed, cancellationToken) => FaultsCommand.OnBrokerAsync(context,
            faults => ListAsync(context, faults, parsed.GetValue(queue), parsed.GetValue(max), cancellationToken)));
        return command;
    }

    static async Task<int> ListAsync(CliContext context, FaultQueues faults, string? queue, int max, CancellationToken cancellationToken)
    {
        var queues = await faults.ListAsync(queue, max, cancellationToken);
        if (queues.Count == 0)
            context.Out.WriteLine("no error queues");
        foreach (var q in queues)
        {
            context.Out.WriteLine($"{q.Name}: {q.MessageCount} message(s)");
            if (q.Messages.Count > 0)
                context.Out.Write(Table(q.Messages));
            if (q.MessageCount > q.Messages.Count)
                context.Out.WriteLine($"  ... {q.MessageCount - q.Messages.Count} more");
        }
        return ExitCodes.Done;
    }

    // Values are Text, never markup: an exception message may hold brackets.
    static Table Table(IEnumerable<FaultMessage> messages)
    {
        var table = new Table().AddColumns("Message id", "Type", "Fault");
        foreach (var m in messages)
        {
            var faulted = m.FaultedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-";
            table.AddRow(
                new Text(m.MessageId ?? "(no id)"),
                new Text(m.MessageType ?? "(unknown type)"),
                new Rows(
                    new Text($"{m.ExceptionType}: {m.ExceptionMessage}"),
                    new Text($"reason: {m.Reason ?? "-"}; retries: {m.RetryCount}; redeliveries: {m.RedeliveryCount}; faulted: {faulted}")));
        }
        return table;
    }

    static int WholeNumber(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n;
        result.AddError($"--max needs a whole number, 0 or more (not '{token}')");
        return 0;
    }
}
