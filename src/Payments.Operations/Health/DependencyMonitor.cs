using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Payments.Operations.Alerts;

namespace Payments.Operations.Health;

/// <summary>
/// Probes every dependency each <c>Health:Interval</c> and keeps the latest result (<see cref="IDependencyStatus"/>, the console's
/// health page). One that has failed for longer than <c>Alerts:DependencyDownAfter</c> raises a <c>dependency-down</c> alert, and
/// its recovery a <c>dependency-recovered</c> one; the alerts' de-duplication makes the replicas' monitors send each once.
/// </summary>
public sealed class DependencyMonitor(
    IEnumerable<IDependencyProbe> probes,
    AlertDispatcher dispatcher,
    IOptions<HealthOptions> options,
    IOptions<AlertsOptions> alerts,
    TimeProvider clock,
    ILogger<DependencyMonitor> logger) : BackgroundService, IDependencyStatus
{
    readonly IReadOnlyList<IDependencyProbe> _probes = [.. probes];
    readonly ConcurrentDictionary<string, DependencyHealth> _current = new();
    readonly ConcurrentDictionary<string, bool> _alertedDown = new();

    public IReadOnlyList<DependencyHealth> Current => [.. _current.Values.OrderBy(h => h.Name, StringComparer.Ordinal)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            await ProbeAllAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: every probe, in parallel, each within <c>Health:Timeout</c>; then the alerts it calls for.</summary>
    public async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_probes.Select(p => ProbeAsync(p, cancellationToken)));
        foreach (var health in Current)
        {
            try
            {
                await AlertAsync(health, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The alert on {Dependency} could not be raised this round: {Error}", health.Name, e.Message);
            }
        }
    }

    async Task ProbeAsync(IDependencyProbe probe, CancellationToken cancellationToken)
    {
        ProbeResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            result = await probe.ProbeAsync(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            result = new ProbeResult(false, e is OperationCanceledException ? $"no answer within {options.Value.Timeout}" : e.Message);
        }

        var now = clock.GetUtcNow();
        var previous = _current.GetValueOrDefault(probe.Name);
        DateTimeOffset? downSince = result.Healthy ? null : previous?.DownSince ?? now;
        _current[probe.Name] = new DependencyHealth(probe.Name, result.Healthy, result.Detail, now, downSince);
        if (previous is null || previous.Healthy != result.Healthy)
        {
            if (result.Healthy)
                logger.LogInformation("{Dependency} is healthy: {Detail}", probe.Name, result.Detail);
            else
                logger.LogWarning("{Dependency} is unhealthy: {Detail}", probe.Name, result.Detail);
        }
    }

    async Task AlertAsync(DependencyHealth health, CancellationToken cancellationToken)
    {
        var alerted = _alertedDown.GetValueOrDefault(health.Name);
        if (!health.Healthy && !alerted && health.CheckedAt - health.DownSince >= alerts.Value.DependencyDownAfter)
        {
            await RaiseAsync(new Alert(AlertKinds.DependencyDown, Alert.KeyOf(AlertKinds.DependencyDown, health.Name),
                $"{health.Name} is down since {health.DownSince:u}",
                $"{health.Name} has failed its health probe since {health.DownSince:u} (longer than Alerts:DependencyDownAfter).\nLast seen: {health.Detail}",
                health.CheckedAt), cancellationToken);
            _alertedDown[health.Name] = true;
        }
        else if (health.Healthy && alerted)
        {
            await RaiseAsync(new Alert(AlertKinds.DependencyRecovered, Alert.KeyOf(AlertKinds.DependencyRecovered, health.Name),
                $"{health.Name} has recovered",
                $"{health.Name} passes its health probe again.\nNow: {health.Detail}",
                health.CheckedAt), cancellationToken);
            _alertedDown[health.Name] = false;
        }
    }

    Task RaiseAsync(Alert alert, CancellationToken cancellationToken) => dispatcher.RaiseAsync(alert, cancellationToken);
}
