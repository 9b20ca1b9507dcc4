using System.Collections.Concurrent;
using System.Diagnostics;
using Payments.Testing.Cluster;

namespace Payments.Chaos;

public enum FaultKind { ServiceKilled, RabbitMqRestarted, PostgresRestarted, P21Down }

/// <summary>One fault: what, which process (for a kill), when it began and when the system it hit was back (relative to the run's start).</summary>
public sealed record InjectedFault(FaultKind Kind, string Target, TimeSpan At, TimeSpan Ended, string? Problem);

/// <summary>
/// Injects the faults of <see cref="ChaosOptions"/> while the load runs: a random service process killed (<c>kill -9</c>) and started
/// again every few seconds, RabbitMQ and PostgreSQL restarted once each, P21 answering 503 to everything for a while.
/// </summary>
public sealed class FaultSchedule(ServiceCluster cluster, OwnServices servers, SimulatedSystems systems, ChaosOptions options, Stopwatch clock,
    Action<string> log)
{
    static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(90);
    readonly Random _random = new(options.Seed);

    public ConcurrentQueue<InjectedFault> Injected { get; } = new();

    public Task RunAsync(CancellationToken deadline) => Task.WhenAll(
        KillServicesAsync(deadline),
        AtAsync(options.RabbitMqRestartAt, FaultKind.RabbitMqRestarted, "rabbitmq", servers.RestartRabbitMqAsync, deadline),
        AtAsync(options.PostgresRestartAt, FaultKind.PostgresRestarted, "postgres", servers.RestartPostgresAsync, deadline),
        AtAsync(options.P21DownAt, FaultKind.P21Down, "p21", async () =>
        {
            systems.P21.Faults.GoDown(options.P21DownFor);
            await Task.Delay(options.P21DownFor, deadline);
        }, deadline));

    async Task KillServicesAsync(CancellationToken deadline)
    {
        var kills = 0;
        while (kills < options.MaxKills && clock.Elapsed < options.Duration && !deadline.IsCancellationRequested)
        {
            await Task.Delay(options.KillEvery, deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (deadline.IsCancellationRequested) break;
            var processes = cluster.Processes;
            var victim = processes[_random.Next(processes.Count)];
            kills++;
            await InjectAsync(FaultKind.ServiceKilled, victim.Name, () => cluster.RestartAsync(victim, HealthyWithin));
        }
    }

    async Task AtAsync(TimeSpan at, FaultKind kind, string target, Func<Task> inject, CancellationToken deadline)
    {
        if (at > clock.Elapsed)
            await Task.Delay(at - clock.Elapsed, deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!deadline.IsCancellationRequested)
            await InjectAsync(kind, target, inject);
    }

    async Task InjectAsync(FaultKind kind, string target, Func<Task> inject)
    {
        var at = clock.Elapsed;
        log($"{at.TotalSeconds,6:F1}s  {kind} {target}");
        string? problem = null;
        try
        {
            await inject();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A restarted service that is not healthy in time (P21 or the broker down meanwhile) keeps running; the run goes on.
            problem = e.Message;
            log($"{clock.Elapsed.TotalSeconds,6:F1}s  {kind} {target}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            problem = "cut short by the deadline";
        }
        Injected.Enqueue(new InjectedFault(kind, target, at, clock.Elapsed, problem));
        log($"{clock.Elapsed.TotalSeconds,6:F1}s  {kind} {target}: back");
    }
}
