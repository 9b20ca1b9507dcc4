using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Persistence.Cleanup;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.BusOutbox;

public static class BusOutboxConfigurationExtensions
{
    /// <summary>
    /// Makes publish/send outside consumers (the scoped <see cref="IPublishEndpoint"/> and
    /// <see cref="ISendEndpointProvider"/>) write to the outbox tables of <typeparamref name="TContext"/>; they reach the
    /// broker only after the caller's <c>SaveChangesAsync</c> commits, through <see cref="BusOutboxRelay{TContext}"/>.
    /// Call inside <c>AddMassTransit</c>/<c>AddPaymentsBus</c>.
    /// </summary>
    /// <param name="runRelay">False leaves delivery to another process that runs the relay on the same database.</param>
    public static IBusRegistrationConfigurator AddPaymentsBusOutbox<TContext>(this IBusRegistrationConfigurator bus,
        Action<OutboxDeliveryServiceOptions>? configure = null, bool runRelay = true)
        where TContext : DbContext
    {
        bus.Replace(ServiceDescriptor.Scoped<IScopedBusContextProvider<IBus>, OutboxScopedBusContextProvider<TContext>>());
        bus.TryAddSingleton<IBusOutboxNotification, BusOutboxNotification>();
        bus.AddPaymentsOutboxCleanup<TContext>();
        bus.AddOptions<OutboxOptions<TContext>>();
        var options = bus.AddOptions<OutboxDeliveryServiceOptions>().Configure(o =>
        {
            // Committed scopes wake the relay at once; this is only the fallback poll and the retry delay after a failed send.
            o.QueryDelay = TimeSpan.FromSeconds(5);
            o.MessageDeliveryLimit = 100;
            o.MessageDeliveryTimeout = TimeSpan.FromSeconds(10);
        });
        if (configure != null)
            options.Configure(configure);

        bus.TryAddSingleton<BusOutboxRelay<TContext>>();
        if (runRelay)
            bus.AddHostedService(provider => provider.GetRequiredService<BusOutboxRelay<TContext>>());

        return bus;
    }
}
