using MassTransit;
using Payments.Contracts.StripeDispute;
using Payments.P21Service.Disputes;

namespace Payments.P21Service.StripeDispute;

/// <summary>One balance transaction of a dispute booked to P21's ledger (<see cref="DisputeJournalPoster"/>), announced with <c>DisputeJournalPosted</c>.</summary>
public sealed class PostDisputeJournalConsumer(DisputeJournalPoster poster) : IConsumer<PostDisputeJournal>
{
    public async Task Consume(ConsumeContext<PostDisputeJournal> context) =>
        await context.Publish(await poster.PostAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
