using MassTransit;
using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;
using Payments.P21Service.Customers;

namespace Payments.P21Service.CustomerSync;

/// <summary>Keeps this service's copy of a customer link (<see cref="CustomerLinks"/>) in step with the link record; an older copy never replaces a newer.</summary>
public sealed class CustomerLinkChangedConsumer(CustomerLinks links, ILogger<CustomerLinkChangedConsumer> logger) : IConsumer<CustomerLinkChanged>
{
    public async Task Consume(ConsumeContext<CustomerLinkChanged> context)
    {
        var change = context.Message;
        if (!await links.ApplyAsync(change, context.CancellationToken))
            logger.LogDebug("Customer link {StripeCustomerId} version {Version} is not newer than the copy; kept the copy", change.StripeCustomerId, change.Version);
    }
}
