using MassTransit;
using Payments.Contracts.PayoutReconciliation;
using Payments.P21Service.Journals;

namespace Payments.P21Service.PayoutReconciliation;

/// <summary>The payout failed after its journal was posted: the opposite journal posted once (<see cref="PayoutJournals"/>), announced with <c>PayoutJournalReversed</c>.</summary>
public sealed class ReversePayoutJournalConsumer(PayoutJournals journals) : IConsumer<ReversePayoutJournal>
{
    public async Task Consume(ConsumeContext<ReversePayoutJournal> context) =>
        await context.Publish(await journals.ReverseAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
