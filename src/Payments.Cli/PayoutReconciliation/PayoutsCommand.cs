using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Payments.Reporting.PayoutReconciliation;

namespace Payments.Cli.PayoutReconciliation;

/// <summary>
/// <c>payments payouts list|report|rerun</c>: the payout-reconciliation flow (one saga per Stripe payout, docs/money-back.md) as a
/// controller sees it. The saga's row is read from the sagas' database (table <c>PayoutState</c>), the payout's balance
/// transactions from the Stripe service's (table <c>PayoutTransactionLine</c>); a re-run is a message to the flow, never a write.
/// </summary>
public static class PayoutsCommand
{
    /// <summary>The flow's states (<c>CurrentState</c>).</summary>
    public static readonly string[] States =
        ["AwaitingSettlement", "Listing", "Flagged", "Posting", "Posted", "Reversing", "Reversed", "PayoutFailed", "Canceled", "Failed"];

    public static Command Create(CliContext context) =>
        new("payouts",
            "Stripe payouts and their reconciliation with P21: list them, write a payout's report (CSV or HTML), re-run a flagged one. "
            + "Databases as the services read them: Database__Provider, ConnectionStrings__Sagas and ConnectionStrings__StripeService; "
            + "broker (rerun): Bus__RabbitMq__Host, __Port, __VirtualHost, __Username, __Password.")
        {
            ListPayoutsCommand.Create(context),
            ReportPayoutCommand.Create(context),
            RerunPayoutCommand.Create(context),
        };

    internal static Argument<string> PayoutIdArgument() => new("payout-id") { Description = "The Stripe payout, e.g. po_1N…" };

    /// <summary>The saga's row of <paramref name="payoutId"/>, or null when the flow has never heard of it.</summary>
    internal static Task<PayoutStateRow?> ReadAsync(DbContext sagas, string payoutId, CancellationToken cancellationToken) =>
        PayoutReportSource.ReadStateAsync(sagas, payoutId, cancellationToken);

    internal static async Task<int> NotFoundAsync(CliContext context, string payoutId)
    {
        await context.Error.WriteLineAsync(
            $"payments: no payout {payoutId} in the payout-reconciliation flow (Stripe has not reported it, or it is another account's)");
        return ExitCodes.Failed;
    }
}
