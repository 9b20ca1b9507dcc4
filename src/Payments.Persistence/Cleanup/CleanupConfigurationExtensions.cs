using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Payments.Persistence.Cleanup;

public static class CleanupConfigurationExtensions
{
    /// <summary>Sweeps expired inbox/outbox rows of <typeparamref name="TContext"/> in the background.</summary>
    public static IServiceCollection AddPaymentsOutboxCleanup<TContext>(this IServiceCollection services,
        Action<OutboxCleanupOptions<TContext>>? configure = null)
        where TContext : DbContext
    {
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<OutboxCleanupOptions<TContext>>()
            .Validate(o => o.Retention > TimeSpan.Zero && o.Interval > TimeSpan.Zero, "Outbox cleanup Retention and Interval must be positive.")
            .ValidateOnStart();
        if (configure != null)
            options.Configure(configure);
        services.AddHostedService<OutboxCleanupService<TContext>>();
        return services;
    }
}
