using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.CustomerSync;
using Payments.StripeService.Data;

namespace Payments.StripeService.CustomerSync;

/// <summary>
/// Keeps this service's copy of a customer's link (<see cref="CustomerLink"/>): a newer <see cref="CustomerLinkChanged.Version"/>
/// replaces the ids, an older or repeated one changes nothing (messages of one customer may arrive out of order). The field
/// revisions on the row are this service's own and stay as they are.
/// </summary>
public sealed class CustomerLinkChangedConsumer(StripeServiceDbContext db, ILogger<CustomerLinkChangedConsumer> logger) : IConsumer<CustomerLinkChanged>
{
    public async Task Consume(ConsumeContext<CustomerLinkChanged> context)
    {
        var changed = context.Message;
        var link = await db.CustomerLinks.SingleOrDefaultAsync(l => l.StripeCustomerId == changed.StripeCustomerId, context.CancellationToken);
        if (link is null)
        {
            link = new CustomerLink { StripeCustomerId = changed.StripeCustomerId };
            db.CustomerLinks.Add(link);
        }
        else if (changed.Version <= link.Version)
        {
            logger.LogInformation("Link of Stripe customer {StripeCustomerId}: version {Version} is not newer than the copy's {CopyVersion}; kept the copy",
                changed.StripeCustomerId, changed.Version, link.Version);
            return;
        }
        link.P21CustomerId = changed.P21CustomerId;
        link.ZnodeUserId = changed.ZnodeUserId;
        link.Unlinked = changed.Unlinked;
        link.Version = changed.Version;
        link.ChangedAt = changed.ChangedAt.UtcDateTime;
        // Saved by the outbox with the inbox row, in one transaction.
    }
}
