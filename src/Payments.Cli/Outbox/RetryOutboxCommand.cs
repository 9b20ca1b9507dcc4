using System.CommandLine;
using System.Diagnostics;
using Payments.Cli.Audit;
using Payments.Persistence.Audit;
using Payments.Persistence.BusOutbox;
using Spectre.Console;

namespace Payments.Cli.Outbox;

/// <summary><c>payments outbox retry --service s (&lt;outbox-id&gt; | --all)</c>: due at the relay's next pass.</summary>
static class RetryOutboxCommand
{
    public static Command Create(CliContext context, Option<string> service)
    {
        var outboxId = OutboxCommand.OutboxIdArgument("The outbox to retry, as `payments outbox list` shows it.");
        outboxId.Arity = ArgumentArity.ZeroOrOne;
        var all = new Option<bool>("--all") { Description = "Every outbox that failed an attempt or is parked." };
        var command = new Command("retry",
            "Makes an outbox due at once: unparked, its attempts and back-off cleared. The service's relay sends it at its next pass "
            + "(within Database:Outbox's poll, 5 s by default); its last error stays until then.")
        {
            outboxId,
            all,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(outboxId) is { Tokens.Count: > 0 }) == result.GetValue(all))
                result.AddError("retry needs exactly one of <outbox-id> or --all");
        });
        command.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, parsed.GetRequiredValue(service), async db =>
        {
            var started = Stopwatch.GetTimestamp();
            Guid? id = parsed.GetValue(all) ? null : parsed.GetValue(outboxId);
            var changed = await OutboxAdministration.RetryAsync(db, id, cancellationToken);
            context.Out.WriteLine($"{changed} outbox(es) due for the next pass");
            var serviceName = parsed.GetRequiredValue(service);
            await new OperatorActions(context).RecordAsync("outbox retry", $"{serviceName} outbox {(id is null ? "--all" : id.ToString())}",
                id is null || changed > 0 ? AuditOutcomes.Succeeded : AuditOutcomes.Failed, $"{changed} outbox(es) due for the next pass", subject: null,
                $"{serviceName} {id}".Trim(), started, cancellationToken);
            if (id is not null && changed == 0)
            {
                await context.Error.WriteLineAsync($"payments: no undelivered outbox {id}");
                return ExitCodes.Failed;
            }
            return ExitCodes.Done;
        }));
        return command;
    }
}
