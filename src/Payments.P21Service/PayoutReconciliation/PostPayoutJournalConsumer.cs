using MassTransit;
using Payments.Contracts.PayoutReconciliation;
using Payments.P21Service.Journals;

namespace Payments.P21Service.PayoutReconciliation;

/// <summary>A Stripe payout's one balanced journal posted in P21's general ledger (<see cref="PayoutJournals"/>), announced with <c>PayoutJournalPosted</c>.</summary>
public sealed class PostPayoutJournalConsumer(PayoutJournals journals) : IConsumer<PostPayoutJournal>
{
    public async Task Consume(ConsumeContext<PostPayoutJournal> context) =>
        await context.Publish(await journals.PostAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
