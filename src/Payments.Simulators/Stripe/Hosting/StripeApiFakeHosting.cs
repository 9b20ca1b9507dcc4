using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Simulators.Stripe.Hosting;

/// <summary>Runs a <see cref="StripeApiFake"/> for the lifetime of a host (the stand-alone simulators process).</summary>
public sealed class StripeApiFakeHost(StripeApiFakeOptions options, ILogger<StripeApiFakeHost> logger) : IHostedService, IAsyncDisposable
{
    StripeApiFake? _fake;

    /// <summary>The running fake; null before the host started.</summary>
    public StripeApiFake? Fake => _fake;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _fake = await StripeApiFake.StartAsync(options, cancellationToken: cancellationToken);
        logger.LogInformation("Stripe API fake listening on {ApiBase} (control API {ControlUrl}); webhooks to {WebhookUrl}",
            _fake.ApiBase, _fake.ControlUrl, _fake.Webhooks.Endpoint?.Url ?? "nowhere (PUT /_sim/webhook)");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_fake is not null) await _fake.DisposeAsync();
        _fake = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}

public static class StripeApiFakeHosting
{
    /// <summary>Adds a Stripe API fake configured from <c>Simulators:Stripe</c> (see <see cref="StripeApiFakeOptions"/>) that starts with the host.</summary>
    public static IHostApplicationBuilder AddStripeApiFake(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StripeApiFakeOptions.Section).Get<StripeApiFakeOptions>() ?? new StripeApiFakeOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<StripeApiFakeHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StripeApiFakeHost>());
        return builder;
    }
}
