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
