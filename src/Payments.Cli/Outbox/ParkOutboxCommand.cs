using System.CommandLine;
using System.Diagnostics;
using Payments.Cli.Audit;
using Payments.Persistence.Audit;
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
            var started = Stopwatch.GetTimestamp();
            var id = parsed.GetValue(outboxId);
            var parked = await OutboxAdministration.ParkAsync(db, id, DateTime.UtcNow, cancellationToken);
            var serviceName = parsed.GetRequiredValue(service);
            await new OperatorActions(context).RecordAsync("outbox park", $"{serviceName} outbox {id}", parked > 0 ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
                parked > 0 ? "parked" : "no undelivered outbox with that id", subject: null, $"{serviceName} {id}", started, cancellationToken);
            if (parked == 0)
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
