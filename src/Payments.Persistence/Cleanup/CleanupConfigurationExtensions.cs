using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Persistence.Cleanup;

public static class CleanupConfigurationExtensions
{
    /// <summary>
    /// Sweeps expired inbox/outbox rows of <typeparamref name="TContext"/> in the background, with retention, interval and
    /// batch size from <c>Database:Cleanup</c> (checked at start-up); <paramref name="configure"/> overrides them in code.
    /// </summary>
    public static IServiceCollection AddPaymentsOutboxCleanup<TContext>(this IServiceCollection services,
        Action<OutboxCleanupOptions<TContext>>? configure = null)
        where TContext : DbContext
    {
        if (services.All(d => d.ServiceType != typeof(OutboxCleanupOptionsMarker<TContext>)))
        {
            services.AddSingleton<OutboxCleanupOptionsMarker<TContext>>();
            services.TryAddSingleton(TimeProvider.System);
            services.AddValidatedOptions<OutboxCleanupOptions<TContext>>(OutboxCleanupOptions<TContext>.Section);
            services.AddPaymentsCleanupSweep<TContext, InboxSweep<TContext>>();
            services.AddPaymentsCleanupSweep<TContext, DeliveredBusOutboxSweep<TContext>>();
            services.AddHostedService<OutboxCleanupService<TContext>>();
        }

        if (configure != null)
            services.Configure(configure);
        return services;
    }

    /// <summary>
    /// Adds a sweep of other expired rows of <typeparamref name="TContext"/> (its own retention, found through an index) to the
    /// context's cleanup, which runs it every <c>Database:Cleanup:Interval</c> in batches of <c>Database:Cleanup:BatchSize</c>.
    /// </summary>
    public static IServiceCollection AddPaymentsCleanupSweep<TContext, TSweep>(this IServiceCollection services)
        where TContext : DbContext
        where TSweep : class, ICleanupSweep<TContext>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICleanupSweep<TContext>, TSweep>());
        return services;
    }

    /// <summary>Registered once per context, so a second call adds no second service or validation.</summary>
    sealed class OutboxCleanupOptionsMarker<TContext>;
}
