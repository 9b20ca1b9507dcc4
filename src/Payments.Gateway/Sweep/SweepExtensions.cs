using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Configuration;
using Stripe;

namespace Payments.Gateway.Sweep;

public static class SweepExtensions
{
    /// <summary>The Stripe list reader on <c>Stripe:ApiKey</c>/<c>Stripe:ApiBase</c> (resolved only when a key is set).</summary>
    public static IServiceCollection AddStripeEventReader(this IServiceCollection services)
    {
        services.AddOptions<StripeApiOptions>().BindConfiguration(StripeApiOptions.Section);
        services.AddSingleton(provider =>
        {
            var stripe = provider.GetRequiredService<IOptions<StripeApiOptions>>().Value;
            if (string.IsNullOrWhiteSpace(stripe.ApiKey))
                throw new InvalidOperationException("Stripe:ApiKey is not set: a key that may read Stripe's events is needed to list them.");
            var client = new StripeClient(new StripeClientOptions { ApiKey = stripe.ApiKey, ApiBase = stripe.ApiBase.TrimEnd('/') });
            return new StripeEventReader(client);
        });
        return services;
    }

    /// <summary>
    /// What <c>payments backfill</c> needs of the gateway, without its web endpoint or its bus: the event mappers and routing, the
    /// gateway database, <see cref="Ingest.StripeEventIngest"/> and the reader. The caller adds the bus outbox of the gateway's database
    /// (publishing into it; the gateway's relay delivers).
    /// </summary>
    public static IHostApplicationBuilder AddGatewayBackfill(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayIngest();
        builder.Services.AddStripeEventReader();
        builder.Services.AddSingleton<Backfill.StripeBackfill>();
        return builder;
    }

    /// <summary>The missed-event sweep (<c>Gateway:Sweep</c>), hosted; a singleton too, so a test or the sandbox can run a round.</summary>
    public static IHostApplicationBuilder AddMissedEventSweep(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SweepOptions, SweepOptionsValidator>(SweepOptions.Section);
        builder.Services.AddStripeEventReader();
        builder.Services.AddSingleton<MissedEventSweep>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<MissedEventSweep>());
        return builder;
    }
}
