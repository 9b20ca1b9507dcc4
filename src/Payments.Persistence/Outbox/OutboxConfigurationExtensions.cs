using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Persistence.Cleanup;

namespace Payments.Persistence.Outbox;

public static class OutboxConfigurationExtensions
{
    /// <summary>
    /// Registers the consumer inbox/outbox on <typeparamref name="TContext"/> (its model must call
    /// <see cref="OutboxModelBuilderExtensions.AddTransactionalOutboxEntities"/>). Endpoints opt in with
    /// <see cref="UsePaymentsOutbox{TContext}"/>. Also starts the sweep of expired rows
    /// (retention: <c>services.AddPaymentsOutboxCleanup&lt;TContext&gt;(o =&gt; o.Retention = …)</c>).
    /// </summary>
    public static IBusRegistrationConfigurator AddPaymentsOutbox<TContext>(this IBusRegistrationConfigurator bus,
        Action<OutboxOptions<TContext>>? configure = null)
        where TContext : DbContext
    {
        bus.TryAddScoped<IOutboxContextFactory<TContext>, DbContextOutboxContextFactory<TContext>>();
        bus.AddPaymentsOutboxCleanup<TContext>();
        var options = bus.AddOptions<OutboxOptions<TContext>>();
        if (configure != null)
            options.Configure(configure);
        return bus;
    }

    /// <summary>
    /// Runs every consumer and saga on this endpoint through the inbox/outbox of <typeparamref name="TContext"/>:
    /// one transaction per message for the handler's writes and what it publishes, delivery after commit, and a
    /// redelivered MessageId does not call the handler again. To apply it to all endpoints:
    /// <c>bus.AddConfigureEndpointsCallback((context, _, endpoint) =&gt; endpoint.UsePaymentsOutbox&lt;TContext&gt;(context));</c>
    /// </summary>
    public static void UsePaymentsOutbox<TContext>(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context,
        int messageDeliveryLimit = 10)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);

        var observer = new OutboxConsumePipeSpecificationObserver<TContext>(endpoint, context)
        {
            MessageDeliveryLimit = messageDeliveryLimit,
        };
        endpoint.ConnectConsumerConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(observer);
        OutboxEndpoints.Add(endpoint, typeof(TContext));
    }
}
