using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.BusOutbox;
using Spectre.Console;

namespace Payments.Cli.Outbox;

/// <summary><c>payments outbox list --service s [--max n]</c>: the undelivered outboxes, oldest first, and why each waits.</summary>
static class ListOutboxCommand
{
    public static Command Create(CliContext context, Option<string> service)
    {
        var max = new Option<int>("--max")
        {
            Description = "Outboxes shown, oldest first.",
            HelpName = "n",
            DefaultValueFactory = _ => 50,
            CustomParser = WholeNumber,
        };
        var command = new Command("list",
            "The undelivered outboxes, oldest first: id, age, messages, state (due, sending, backing off, parked), attempts, next attempt, last error.")
        {
            max,
        };
        command.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, parsed.GetRequiredValue(service),
            db => ListAsync(context, db, parsed.GetValue(max), cancellationToken)));
        return command;
    }

    static async Task<int> ListAsync(CliContext context, DbContext db, int max, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var outboxes = await OutboxAdministration.ListAsync(db, max, cancellationToken);
        var total = await OutboxAdministration.CountAsync(db, cancellationToken);
        context.Out.WriteLine($"{total} undelivered outbox(es)");
        if (outboxes.Count == 0)
            return ExitCodes.Done;

        // Values are Text, never markup: an error message may hold brackets.
        var table = new Table().AddColumns("Outbox id", "Created (UTC)", "Age", "Messages", "State", "Attempts", "Next attempt (UTC)", "Last error");
        foreach (var o in outboxes)
        {
            table.AddRow(
                new Text(o.OutboxId.ToString()),
                new Text(o.Created.ToString("O", CultureInfo.InvariantCulture)),
                new Text((now - o.Created).ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)),
                new Text(o.Messages.ToString(CultureInfo.InvariantCulture)),
                new Text(o.StateAt(now)),
                new Text(o.DeliveryAttempts.ToString(CultureInfo.InvariantCulture)),
                new Text(o.NextAttemptAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"),
                new Text(o.LastError ?? "-"));
        }
        context.Out.Write(table);
        if (total > outboxes.Count)
            context.Out.WriteLine($"... {total - outboxes.Count} more");
        return ExitCodes.Done;
    }

    static int WholeNumber(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            return n;
        result.AddError($"--max needs a whole number, 1 or more (not '{token}')");
        return 0;
    }
}
