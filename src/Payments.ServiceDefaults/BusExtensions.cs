using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Configuration;
using Payments.ServiceDefaults.Messaging;

namespace Payments.ServiceDefaults;

/// <summary>Registers MassTransit on the transport chosen by configuration (<c>Bus:Transport</c>), with the retry and fault policy on every endpoint.</summary>
public static class BusExtensions
{
    public static IHostApplicationBuilder AddPaymentsBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        var options = builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        builder.Services.AddSingleton(options);
        builder.AddPaymentsRetryPolicy(options);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                // Per endpoint: the bus-level SetQuorumQueue only reaches the bus's own temporary queue. Error queues copy it.
                if (options.Transport == BusTransport.RabbitMq && options.RabbitMq.QueueType == RabbitQueueType.Quorum
                    && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                    rabbitEndpoint.SetQuorumQueue();
                RetryPolicy.Apply(context, endpoint, options.Transport);
            });
            configure(bus);

            switch (options.Transport)
            {
                case BusTransport.RabbitMq:
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        cfg.UsePaymentsRabbitMqHost(options.RabbitMq);
                        cfg.UsePaymentsMessageScheduler(context);
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    bus.UsingInMemory((context, cfg) =>
                    {
                        cfg.UsePaymentsMessageScheduler(context);
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
            }
        });
        return builder;
    }

    /// <summary>The broker of <c>Bus:RabbitMq</c>: every service's bus, and the short-lived one a command publishes with (<c>payments payouts rerun</c>).</summary>
    public static void UsePaymentsRabbitMqHost(this IRabbitMqBusFactoryConfigurator cfg, RabbitMqOptions rabbit)
    {
        cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
        {
            h.Username(rabbit.Username);
            h.Password(rabbit.Password);
        });
    }

    static void AddPaymentsRetryPolicy(this IHostApplicationBuilder builder, BusOptions bus)
    {
        builder.AddValidatedOptions<RetryOptions, RetryOptionsValidator>(RetryOptions.Section)
            .PostConfigure(o => o.ApplyDefaults());
        builder.Services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RetryOptions>>().Value);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<MessagingMetrics>();
        if (bus.Transport == BusTransport.RabbitMq)
        {
            builder.Services.TryAddSingleton<WaitQueues>();
            builder.Services.AddHostedService<WaitQueueDeclaration>();
        }
    }
}
