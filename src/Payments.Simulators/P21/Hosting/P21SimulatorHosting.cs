using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Simulators.P21.Hosting;

/// <summary>Runs a <see cref="P21Simulator"/> for the lifetime of a host (the stand-alone simulators process, or the sandbox).</summary>
public sealed class P21SimulatorHost(P21SimulatorOptions options, ILogger<P21SimulatorHost> logger) : IHostedService, IAsyncDisposable
{
    P21Simulator? _simulator;

    /// <summary>The running simulator; null before the host started.</summary>
    public P21Simulator? Simulator => _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _simulator = await P21Simulator.StartAsync(options, cancellationToken: cancellationToken);
        logger.LogInformation("P21 simulator listening on {BaseUrl} (UI server {UiServerUrl}, control API {ControlUrl}), user {Username}",
            _simulator.BaseUrl, _simulator.UiServerUrl, _simulator.ControlUrl, options.Username);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_simulator is not null) await _simulator.DisposeAsync();
        _simulator = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}

public static class P21SimulatorHosting
{
    /// <summary>Adds a P21 simulator configured from <c>Simulators:P21</c> (see <see cref="P21SimulatorOptions"/>) that starts with the host.</summary>
    public static IHostApplicationBuilder AddP21Simulator(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(P21SimulatorOptions.Section).Get<P21SimulatorOptions>() ?? new P21SimulatorOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<P21SimulatorHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<P21SimulatorHost>());
        return builder;
    }
}
