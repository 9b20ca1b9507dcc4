using MassTransit;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.StripeService.PayoutReconciliation;

/// <summary>
/// The payout-reconciliation flow's listing: <see cref="PayoutTransactions"/> reads the payout's balance transactions page by page (each
/// page kept in its own short transaction), then <see cref="PayoutTransactionsListed"/> carries the totals and the flags, never the
/// list, through the consumer's outbox. A stale run's command answers nothing: the saga waits for its current run.
/// </summary>
public sealed class ListPayoutTransactionsConsumer(PayoutTransactions payouts, ILogger<ListPayoutTransactionsConsumer> logger) : IConsumer<ListPayoutTransactions>
{
    public async Task Consume(ConsumeContext<ListPayoutTransactions> context)
    {
        var command = context.Message;
        var listed = await payouts.ListAsync(command, cancellationToken: context.CancellationToken);
        if (listed is null) return;
        var flags = listed.CarriedFlags;
        if (listed.Flags.Count > 0)
            logger.LogInformation("Payout {PayoutId} run {Run}: {FlagCount} flags, the first: {Reason}", command.PayoutId, command.Run, listed.Flags.Count, listed.Flags[0].Reason);
        await context.Publish(new PayoutTransactionsListed
        {
            CorrelationId = command.CorrelationId,
            PayoutId = command.PayoutId,
            Run = command.Run,
            Totals = listed.Totals,
            Flags = flags,
            FlagCount = listed.Flags.Count,
            Pages = listed.Pages,
            ListedAt = listed.ListedAt,
        });
    }
}
