using MassTransit;
using Microsoft.Extensions.Options;
using Payments.StripeService.Charges;
using Payments.StripeService.StripeApi;

namespace Payments.StripeService;

public static class Extensions
{
    /// <summary>Stripe options (validated at start-up) and one Stripe.net client for the process.</summary>
    public static IHostApplicationBuilder AddStripeService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        builder.Services.AddOptions<StripeOptions>()
            .Bind(builder.Configuration.GetSection(StripeOptions.Section))
            .ValidateOnStart();

        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
            // A long-lived HttpClient whose pooled connections are renewed, so DNS changes are picked up.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = options.RequestTimeout,
            };
            return new Stripe.StripeClient(new Stripe.StripeClientOptions
            {
                ApiKey = options.ApiKey,
                ApiBase = options.ApiBase.TrimEnd('/'),
                HttpClient = new Stripe.SystemNetHttpClient(http, options.MaxNetworkRetries),
            });
        });
        return builder;
    }

    public static void AddStripeConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RecordP21OrderOnChargeConsumer, RecordP21OrderOnChargeConsumerDefinition>();
    }
}
