using System.CommandLine;
using Payments.Persistence.BusOutbox;
using Spectre.Console;

namespace Payments.Cli.Outbox;

/// <summary><c>payments outbox park --service s &lt;outbox-id&gt;</c>: kept, not sent, until retried.</summary>
static class ParkOutboxCommand
{
    public static Command Create(CliContext context, Option<string> service)
    {
        var outboxId = OutboxCommand.OutboxIdArgument("The outbox to park, as `payments outbox list` shows it.");
        var command = new Command("park",
            "Stops the relay from trying an outbox (a message no broker will take): it stays with its messages, raises no more alerts, "
            + "and is counted as parked on /health and in payments.outbox.parked until `payments outbox retry` takes it back.")
        {
            outboxId,
        };
        command.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, parsed.GetRequiredValue(service), async db =>
        {
            var id = parsed.GetValue(outboxId);
            if (await OutboxAdministration.ParkAsync(db, id, DateTime.UtcNow, cancellationToken) == 0)
            {
                await context.Error.WriteLineAsync($"payments: no undelivered outbox {id}");
                return ExitCodes.Failed;
            }
            context.Out.WriteLine($"parked outbox {id}");
            return ExitCodes.Done;
        }));
        return command;
    }
}
