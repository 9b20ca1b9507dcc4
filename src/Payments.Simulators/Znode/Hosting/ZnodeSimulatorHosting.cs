using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Simulators.Znode.Hosting;

/// <summary>Runs a <see cref="ZnodeSimulator"/> for the lifetime of a host (the stand-alone simulators process).</summary>
public sealed class ZnodeSimulatorHost(ZnodeSimulatorOptions options, ILogger<ZnodeSimulatorHost> logger) : IHostedService, IAsyncDisposable
{
    ZnodeSimulator? _simulator;

    /// <summary>The running simulator; null before the host started.</summary>
    public ZnodeSimulator? Simulator => _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _simulator = await ZnodeSimulator.StartAsync(options, cancellationToken: cancellationToken);
        logger.LogInformation("Znode simulator listening on {BaseUrl} (control API {ControlUrl}), domain {Domain}; webhooks to {WebhookUrl}",
            _simulator.BaseUrl, _simulator.ControlUrl, options.DomainName, options.Webhook?.Url ?? "nowhere (Znode 9.x: poll orders/list)");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_simulator is not null) await _simulator.DisposeAsync();
        _simulator = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}

public static class ZnodeSimulatorHosting
{
    /// <summary>Adds a Znode simulator configured from <c>Simulators:Znode</c> (see <see cref="ZnodeSimulatorOptions"/>) that starts with the host.</summary>
    public static IHostApplicationBuilder AddZnodeSimulator(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ZnodeSimulatorOptions.Section).Get<ZnodeSimulatorOptions>() ?? new ZnodeSimulatorOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ZnodeSimulatorHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ZnodeSimulatorHost>());
        return builder;
    }
}
