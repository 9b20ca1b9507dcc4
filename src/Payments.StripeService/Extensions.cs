using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.StripeService.Charges;
using Payments.StripeService.Data;
using Payments.StripeService.StripeApi;

namespace Payments.StripeService;

public static class Extensions
{
    /// <summary>
    /// Stripe options (validated at start-up), one Stripe.net client for the process, and the service's inbox/outbox
    /// database (<c>Database:Provider</c>, <c>ConnectionStrings:StripeService</c>, migrated at start-up).
    /// </summary>
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
        builder.AddPaymentsDbContext<StripeServiceDbContext>(StripeServiceDbContext.ConnectionStringName);
        return builder;
    }

    /// <summary>The consumers, each endpoint behind the inbox/outbox of <see cref="StripeServiceDbContext"/> (see the definitions).</summary>
    public static void AddStripeConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddPaymentsOutbox<StripeServiceDbContext>();
        bus.AddConsumer<RecordP21OrderOnChargeConsumer, RecordP21OrderOnChargeConsumerDefinition>();
    }
}
