using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Payments.Cli.Outbox;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Spectre.Console;

namespace Payments.Cli.PayoutReconciliation;

/// <summary>
/// <c>payments payouts rerun &lt;payout id&gt; [--reason text]</c>: asks the flow to reconcile a Flagged or Failed payout again (e.g. once
/// the missing order has landed) by publishing <see cref="RerunPayoutReconciliation"/>. A posted payout is refused here, before
/// anything is sent; the flow itself never posts a second journal either way.
/// </summary>
static class RerunPayoutCommand
{
    static readonly string[] Rerunnable = ["Flagged", "Failed"];

    public static Command Create(CliContext context)
    {
        var payout = PayoutsCommand.PayoutIdArgument();
        var reason = new Option<string?>("--reason") { Description = "Why, for the log and the audit trail, e.g. \"order 1234 entered\".", HelpName = "text" };
        var command = new Command("rerun",
            "Reconciles a Flagged or Failed payout again: its balance transactions are listed anew and, when nothing is flagged, its one journal is posted.")
        {
            payout,
            reason,
        };
        command.SetAction((parsed, cancellationToken) => RerunAsync(context, parsed.GetRequiredValue(payout), parsed.GetValue(reason), cancellationToken));
        return command;
    }

    static async Task<int> RerunAsync(CliContext context, string payoutId, string? reason, CancellationToken cancellationToken)
    {
        string? refusal = null;
        var found = await OutboxCommand.OnDatabaseAsync(context, "sagas", async sagas =>
        {
            var row = await PayoutsCommand.ReadAsync(sagas, payoutId, cancellationToken);
            if (row is null)
                return await PayoutsCommand.NotFoundAsync(context, payoutId);
            if (!Rerunnable.Contains(row.CurrentState))
                refusal = row.JournalNumber is { } journal
                    ? $"payout {payoutId} is {row.CurrentState} with P21 journal {journal}: a payout is posted once, never again"
                    : $"payout {payoutId} is {row.CurrentState}: only a Flagged or Failed payout is re-run";
            return ExitCodes.Done;
        });
        if (found != ExitCodes.Done)
            return found;
        if (refusal is not null)
        {
            await context.Error.WriteLineAsync($"payments: {refusal}");
            return ExitCodes.Failed;
        }

        var message = new RerunPayoutReconciliation
        {
            CorrelationId = CorrelationKey.StripePayout(payoutId).ToGuid(),
            PayoutId = payoutId,
            RequestedBy = Environment.UserName,
            Reason = reason,
        };
        if (!await BrokerMessage.PublishAsync(context, message, cancellationToken))
            return ExitCodes.Failed;

        context.Out.WriteLine($"Asked the payout-reconciliation flow to re-run payout {payoutId} (as {message.RequestedBy}{(reason is null ? "" : $": {reason}")})");
        return ExitCodes.Done;
    }
}
