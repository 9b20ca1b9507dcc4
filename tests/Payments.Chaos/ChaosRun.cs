using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Payments.Contracts.Shared;
using Payments.Simulators.P21;
using Payments.Testing.Cluster;

namespace Payments.Chaos;

/// <summary>What a run found: the faults, and for the flows how many completed, were lost or doubled, and how long recovery took.</summary>
public sealed record ChaosResult(
    IReadOnlyList<InjectedFault> Faults,
    int Flows,
    int Accepted,
    int Completed,
    int Lost,
    int Doubled,
    int FlowCompletedSeen,
    int FailedDeliveries,
    TimeSpan? Recovered,
    IReadOnlyList<string> LeftInQueues,
    bool TimedOut,
    string LogDirectory)
{
    public bool Passed => Lost == 0 && Doubled == 0 && !TimedOut && LeftInQueues.Count == 0 && Completed == Flows;
}

/// <summary>
/// One chaos run: its own RabbitMQ and PostgreSQL, the services (<see cref="ChaosOptions.Replicas"/> of each) as processes, the
/// simulators in process; the load and the faults at once; then it waits for the flows to settle (bounded by the deadline) and counts.
/// A flow is complete when P21 holds its order (the order carries the charge id as its web reference); doubled when P21 holds two.
/// </summary>
public sealed class ChaosRun(ChaosOptions options, Action<string> log)
{
    const string QueueType = "Classic";

    public async Task<ChaosResult> RunAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var workDirectory = Path.Combine(Path.GetTempPath(), $"payments-chaos-{id}");
        Directory.CreateDirectory(workDirectory);
        log($"work directory {workDirectory} (service logs), seed {options.Seed}");

        await using var servers = await OwnServices.StartAsync(Path.Combine(workDirectory, "servers"));
        log($"own RabbitMQ on {servers.RabbitMq.Port}, PostgreSQL {servers.Postgres}");
        await using var broker = await VirtualHostBroker.CreateAsync(servers.RabbitMq, "payments-chaos");
        await using var systems = await SimulatedSystems.StartAsync(new P21SimulatorOptions { SessionPoolWait = new ServiceTimings().P21PoolWait });
        await using var databases = await ServiceDatabases.CreateAsync(workDirectory, "chaos", servers.Postgres);
        var environment = ServiceEnvironment.Build(broker.Options, QueueType, databases, systems);
        // Transient failures (P21 down, the broker or the database restarting) are redelivered for longer than P21 stays down, as
        // production's minutes-long redelivery does; the test environment's single short redelivery would send them to _error.
        string[] redelivery = ["00:00:05", "00:00:10", "00:00:20", "00:00:30", "00:01:00", "00:01:00", "00:01:00", "00:01:00", "00:01:00", "00:01:00"];
        for (var i = 0; i < redelivery.Length; i++)
            environment[$"Bus__Retry__Redelivery__{i}"] = redelivery[i];

        await using var cluster = ServiceCluster.Start(Path.Combine(workDirectory, "services"), environment, options.Replicas);
        try
        {
            await cluster.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
            foreach (var queue in new[] { "order-payment-state", "post-p21-order", "record-p21-order-on-charge" })
                await broker.WaitForConsumerAsync(queue, TimeSpan.FromMinutes(2));
        }
        catch
        {
            log(cluster.Logs(40));
            throw;
        }
        var observer = await broker.DeclareObserverAsync(typeof(FlowCompleted));
        log($"{cluster.Processes.Count} service processes ready; {options.Flows} flows at {options.Rate}/s");

        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(options.Deadline);
        var load = new ChargeLoad(cluster, systems, options, clock);
        var faults = new FaultSchedule(cluster, servers, systems, options, clock, log);
        var loading = load.RunAsync(deadline.Token);
        var injecting = faults.RunAsync(deadline.Token);
        await Task.WhenAll(loading, injecting);
        var lastFaultEnded = faults.Injected.Select(f => f.Ended).DefaultIfEmpty().Max();
        log($"{clock.Elapsed.TotalSeconds,6:F1}s  load and faults done ({load.Flows.Count(f => f.AcceptedAt is not null)} of {load.Flows.Count} webhooks accepted); settling");

        // Settle: every charge's order in P21, or the deadline.
        var flows = load.Flows.ToList();
        TimeSpan? allCompleted = null;
        while (!deadline.IsCancellationRequested)
        {
            if (flows.All(f => systems.P21.Store.FindOrdersByReference(f.Charge.Id).Count > 0))
            {
                allCompleted = clock.Elapsed;
                break;
            }
            await Task.Delay(500, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        log($"{clock.Elapsed.TotalSeconds,6:F1}s  {(allCompleted is null ? "NOT settled by the deadline" : "every flow has its P21 order")}");

        // Then the broker settles (a doubled order would show now, as would a message in _error); a short, separate bound.
        var queues = await SafeAsync(() => broker.WaitUntilDrainedAsync(TimeSpan.FromSeconds(allCompleted is null ? 10 : 60)), []);
        var seen = await CountFlowCompletedAsync(broker, observer);
        var orders = flows.Select(f => systems.P21.Store.FindOrdersByReference(f.Charge.Id).Count).ToList();
        return new ChaosResult(
            [.. faults.Injected],
            options.Flows,
            flows.Count(f => f.AcceptedAt is not null),
            orders.Count(n => n > 0),
            orders.Count(n => n == 0) + (options.Flows - flows.Count),
            orders.Count(n => n > 1),
            seen,
            load.FailedDeliveries,
            allCompleted is { } done ? done - lastFaultEnded : null,
            [.. queues.Where(q => q.Messages > 0 && q.Name != observer).Select(q => $"{q.Name}: {q.Messages}")],
            allCompleted is null,
            workDirectory);
    }

    /// <summary>Flows whose <c>FlowCompleted</c> the observer queue holds (an announcement may be sent twice; the orders count).</summary>
    static async Task<int> CountFlowCompletedAsync(VirtualHostBroker broker, string observer)
    {
        var urn = MessageUrn.ForTypeString<FlowCompleted>();
        var ids = new HashSet<Guid>();
        try
        {
            await broker.WaitForPublishedAsync(observer, e =>
            {
                if (e.GetProperty("messageType").EnumerateArray().Any(t => t.GetString() == urn))
                    ids.Add(e.GetProperty("message").GetProperty("correlationId").GetGuid());
                return false;
            }, TimeSpan.FromSeconds(3), "every FlowCompleted");
        }
        catch (Exception e) when (e is TimeoutException or JsonException)
        {
            // Read to the end.
        }
        return ids.Count;
    }

    async Task<T> SafeAsync<T>(Func<Task<T>> read, T fallback)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log($"broker not readable: {e.Message}");
            return fallback;
        }
    }
}
