using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Payments.ServiceDefaults;

/// <summary>Registers MassTransit on the transport chosen by configuration (<c>Bus:Transport</c>).</summary>
public static class BusExtensions
{
    public static IHostApplicationBuilder AddPaymentsBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        var options = builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        builder.Services.AddSingleton(options);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            configure(bus);

            switch (options.Transport)
            {
                case BusTransport.RabbitMq:
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        var rabbit = options.RabbitMq;
                        cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                        {
                            h.Username(rabbit.Username);
                            h.Password(rabbit.Password);
                        });
                        if (rabbit.QueueType == RabbitQueueType.Quorum)
                            cfg.SetQuorumQueue();
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                    break;
            }
        });
        return builder;
    }
}
