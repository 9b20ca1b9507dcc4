using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.ZnodeService.Data;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>
/// Keeps this service's copy of the link record: a copy with a higher <c>Version</c> replaces the ids (the per-field revisions stay:
/// they belong to this service's writes); an older or equal one is ignored, so a reordered or redelivered copy never undoes a newer link.
/// </summary>
public sealed class CustomerLinkChangedConsumer(ZnodeServiceDbContext db, ILogger<CustomerLinkChangedConsumer> logger) : IConsumer<CustomerLinkChanged>
{
    public async Task Consume(ConsumeContext<CustomerLinkChanged> context)
    {
        var message = context.Message;
        var link = await db.CustomerLinks.FindAsync([message.StripeCustomerId], context.CancellationToken);
        if (link is null)
        {
            link = new CustomerLink { StripeCustomerId = message.StripeCustomerId };
            db.CustomerLinks.Add(link);
        }
        else if (link.Version >= message.Version)
        {
            logger.LogDebug("Link copy of {StripeCustomerId} version {Version} ignored: version {Stored} is kept", message.StripeCustomerId, message.Version, link.Version);
            return;
        }
        link.P21CustomerId = message.P21CustomerId;
        link.ZnodeUserId = message.ZnodeUserId;
        link.Unlinked = message.Unlinked;
        link.Version = message.Version;
        link.ChangedAt = message.ChangedAt.ToUniversalTime();
    }
}
