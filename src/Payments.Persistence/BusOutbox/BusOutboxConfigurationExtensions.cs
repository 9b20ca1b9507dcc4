using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payments.Persistence.Cleanup;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Persistence.BusOutbox;

public static class BusOutboxConfigurationExtensions
{
    /// <summary>
    /// Makes publish/send outside consumers (the scoped <see cref="IPublishEndpoint"/> and
    /// <see cref="ISendEndpointProvider"/>) write to the outbox tables of <typeparamref name="TContext"/>; they reach the
    /// broker only after the caller's <c>SaveChangesAsync</c> commits, through <see cref="BusOutboxRelay{TContext}"/>.
    /// Back-off, claim lease and the stuck-outbox alert come from <c>Database:Outbox</c> (<see cref="BusOutboxOptions"/>).
    /// Call inside <c>AddMassTransit</c>/<c>AddPaymentsBus</c>.
    /// </summary>
    /// <param name="runRelay">False leaves delivery to another process that runs the relay on the same database.</param>
    public static IBusRegistrationConfigurator AddPaymentsBusOutbox<TContext>(this IBusRegistrationConfigurator bus,
        Action<OutboxDeliveryServiceOptions>? configure = null, bool runRelay = true)
        where TContext : DbContext
    {
        bus.Replace(ServiceDescriptor.Scoped<IScopedBusContextProvider<IBus>, OutboxScopedBusContextProvider<TContext>>());
        bus.AddPaymentsOutboxCleanup<TContext>();
        bus.AddOptions<OutboxOptions<TContext>>();
        var options = bus.AddOptions<OutboxDeliveryServiceOptions>().Configure(o =>
        {
            // Committed scopes wake the relay at once; this is only the fallback poll.
            o.QueryDelay = TimeSpan.FromSeconds(5);
            o.MessageDeliveryLimit = 100;
            o.MessageDeliveryTimeout = TimeSpan.FromSeconds(10);
        });
        if (configure != null)
            options.Configure(configure);

        bus.AddBusOutboxRelay<TContext>();
        if (runRelay)
            bus.AddHostedService(provider => provider.GetRequiredService<BusOutboxRelay<TContext>>());

        return bus;
    }

    /// <summary>
    /// The relay of <typeparamref name="TContext"/> (a singleton; hosted by <see cref="AddPaymentsBusOutbox{TContext}"/>, run
    /// by the scheduler's dispatcher and the Znode order poller), its wake-up signal, its options, and the stuck-outbox monitor with
    /// its gauge and health check. Once per context. A caller that runs the relay itself (<see cref="BusOutboxRelay{TContext}.DeliverPending"/>
    /// after its own commits) registers it with this and hosts nothing.
    /// </summary>
    public static IServiceCollection AddBusOutboxRelay<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        if (services.Any(d => d.ServiceType == typeof(BusOutboxRelay<TContext>)))
            return services;

        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<BusOutboxOptions>(BusOutboxOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusOutboxOptions>, ClaimLeaseValidator>());
        services.AddOptions<OutboxOptions<TContext>>();
        services.AddMetrics();
        services.TryAddSingleton<OutboxMetrics>();

        services.AddSingleton<BusOutboxSignal<TContext>>();
        services.AddSingleton<BusOutboxRelay<TContext>>();
        services.AddHostedService<StuckOutboxMonitor<TContext>>();
        services.AddHealthChecks().AddCheck<StuckOutboxHealthCheck<TContext>>(StuckOutboxHealthCheck<TContext>.Name);
        return services;
    }

    /// <summary>The relay stops taking messages of a claimed outbox after half the lease; the last send must end in the other half.</summary>
    sealed class ClaimLeaseValidator(IOptions<OutboxDeliveryServiceOptions> delivery) : IValidateOptions<BusOutboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, BusOutboxOptions options)
        {
            var timeout = delivery.Value.MessageDeliveryTimeout;
            return options.ClaimLease > timeout * 2
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{BusOutboxOptions.Section}:ClaimLease must be more than twice the delivery time-out of one message ({timeout}); got {options.ClaimLease}.");
        }
    }
}
