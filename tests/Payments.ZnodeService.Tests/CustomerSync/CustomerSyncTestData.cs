using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Persistence.Outbox;
using Payments.ZnodeService.Data;

namespace Payments.ZnodeService.Tests.CustomerSync;

static class CustomerSyncTestData
{
    /// <summary>Publishes the saga's <see cref="CustomerLinkChanged"/> and waits until the service consumed it (its inbox row committed).</summary>
    public static async Task LinkAsync(this ZnodeServiceHost host, string stripeCustomerId, int? znodeUserId, long version, bool unlinked = false)
    {
        var messageId = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CustomerLinkChanged
        {
            CorrelationId = CorrelationKey.StripeCustomer(stripeCustomerId).ToGuid(), StripeCustomerId = stripeCustomerId, ZnodeUserId = znodeUserId,
            Unlinked = unlinked, Version = version, ChangedAt = DateTimeOffset.UtcNow,
        }, context => context.MessageId = messageId);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using (var scope = host.Host.Services.CreateAsyncScope())
            {
                if (await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().Set<InboxState>().AnyAsync(i => i.MessageId == messageId)) return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"The link copy of {stripeCustomerId} version {version} was never consumed.");
    }

    public static async Task<CustomerLink?> LinkOfAsync(this ZnodeServiceHost host, string stripeCustomerId)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().CustomerLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.StripeCustomerId == stripeCustomerId);
    }

    public static async Task<IntakeCheckpoint?> CheckpointAsync(this ZnodeServiceHost host, string name)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().IntakeCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name);
    }
}
