using System.CommandLine;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Payments.Cli.Outbox;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults;
using RabbitMQ.Client.Exceptions;
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

    /// <summary>How long the command waits for the broker to connect and to confirm the message.</summary>
    static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(15);

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
        var rabbit = context.Configuration.GetSection($"{BusOptions.Section}:RabbitMq").Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        try
        {
            await PublishAsync(rabbit, message, cancellationToken);
        }
        catch (Exception e) when (e is MassTransitException or BrokerUnreachableException or OperationInterruptedException or TimeoutException
                                      or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync($"payments: RabbitMQ at {rabbit.Host}:{rabbit.Port}: {(e is OperationCanceledException ? $"no answer within {BrokerTimeout.TotalSeconds:0} s" : e.Message)}");
            return ExitCodes.Failed;
        }

        context.Out.WriteLine($"Asked the payout-reconciliation flow to re-run payout {payoutId} (as {message.RequestedBy}{(reason is null ? "" : $": {reason}")})");
        return ExitCodes.Done;
    }

    /// <summary>
    /// Publishes on a bus of its own that lives for this one message, on the broker the services use: MassTransit routes it to the
    /// message's exchange, where the sagas' queue is bound, and returns once the broker has confirmed it.
    /// </summary>
    static async Task PublishAsync(RabbitMqOptions rabbit, RerunPayoutReconciliation message, CancellationToken cancellationToken)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.UsePaymentsRabbitMqHost(rabbit));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BrokerTimeout);
        await bus.StartAsync(timeout.Token);
        try
        {
            await bus.Publish(message, timeout.Token);
        }
        finally
        {
            await bus.StopAsync(TimeSpan.FromSeconds(10));
        }
    }
}
