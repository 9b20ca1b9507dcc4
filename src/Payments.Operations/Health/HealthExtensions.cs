using Microsoft.Extensions.Options;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Operations.Health;

/// <summary>The dependency monitor's wiring: its probes (the operations database, RabbitMQ on that transport, each configured service's <c>/health</c>) and the queue-depth gauge.</summary>
public static class HealthExtensions
{
    public static IHostApplicationBuilder AddOperationsHealth(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<HealthOptions>(HealthOptions.Section);
        var services = builder.Services;
        services.AddHttpClient(ServiceHealthProbe.HttpClientName);
        services.AddHttpClient(RabbitMqManagement.HttpClientName);

        services.AddSingleton<IDependencyProbe, DatabaseProbe>();
        var bus = builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        if (bus.Transport == BusTransport.RabbitMq)
        {
            services.AddSingleton(sp => new RabbitMqManagement(sp.GetRequiredService<IHttpClientFactory>(), bus));
            services.AddSingleton<IDependencyProbe>(sp => sp.GetRequiredService<RabbitMqManagement>());
            services.AddSingleton<QueueDepthMetrics>();
        }
        var configured = builder.Configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        foreach (var (service, url) in configured.Services)
            services.AddSingleton<IDependencyProbe>(sp => new ServiceHealthProbe(service, url, sp.GetRequiredService<IHttpClientFactory>()));

        services.AddSingleton<DependencyMonitor>();
        services.AddSingleton<IDependencyStatus>(sp => sp.GetRequiredService<DependencyMonitor>());
        services.AddHostedService(sp =>
        {
            // The gauge reads the monitor's last probe; created with the monitor so it is registered before the first export.
            sp.GetService<QueueDepthMetrics>();
            return sp.GetRequiredService<DependencyMonitor>();
        });
        return builder;
    }
}
