using MassTransit;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.P21Service.Journals;

namespace Payments.P21Service.ZnodeOrderToCash;

/// <summary>
/// The Znode order-to-cash flow's step in P21: posts the paid order's balanced journal entry (<see cref="JournalPoster"/>) and announces
/// it with <c>ZnodeOrderJournalPosted</c>. P21's refusals ("Records do not balance", an unknown account) are permanent failures in
/// P21's words; outages and time-outs are retried, each retry first looking the entry up by its reference.
/// </summary>
public sealed class PostZnodeOrderJournalConsumer(JournalPoster poster) : IConsumer<PostZnodeOrderJournal>
{
    public async Task Consume(ConsumeContext<PostZnodeOrderJournal> context)
    {
        var posted = await poster.PostAsync(context.Message, context.CancellationToken);
        await context.Publish(posted, context.CancellationToken);
    }
}
