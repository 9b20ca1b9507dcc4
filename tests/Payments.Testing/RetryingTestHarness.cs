using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Testing;

public static class RetryingTestHarness
{
    /// <summary>
    /// MassTransit's test harness (in-memory) with the shared retry policy applied to every endpoint as AddPaymentsBus
    /// applies it, but with short immediate retries so a transient failure is met and retried within the test.
    /// </summary>
    public static IServiceCollection AddRetryingTestHarness(this IServiceCollection services, Action<IBusRegistrationConfigurator> configure)
    {
        services.AddSingleton(new RetryOptions { Immediate = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)] });
        services.AddSingleton<MessagingMetrics>();
        return services.AddMassTransitTestHarness(bus =>
        {
            bus.AddConfigureEndpointsCallback((context, _, endpoint) => RetryPolicy.Apply(context, endpoint, BusTransport.InMemory));
            configure(bus);
        });
    }
}
