using System.Diagnostics;
using Payments.Benchmarks.EndToEnd.Flows;
using Payments.Benchmarks.EndToEnd.Measuring;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd;

/// <summary>Offers one phase of charge flows (a burst or a paced rate) and waits for its backlog, measuring CPU and memory over it.</summary>
public sealed class PhaseRunner(ServiceCluster cluster, IReadOnlyList<ServerProcesses> servers, ChargeLoad load, int drainSeconds, EndToEndReport report,
    ServiceDatabases databases, string databasePrefix)
{
    /// <summary>The service databases' common prefix (<c>{prefix}_{service}</c>).</summary>
    public string DatabasePrefix => databasePrefix;

    public async Task<PhaseResult> RunAsync(string name, int count, double? rate)
    {
        // An earlier phase's backlog would be measured as this one's: wait for it (up to the drain time) first.
        var waitUntil = DateTime.UtcNow.AddSeconds(drainSeconds);
        while (load.Offered.Any(o => o.Flow.Accepted && !o.Flow.IsCompleted) && DateTime.UtcNow < waitUntil)
            await Task.Delay(200);
        ThrowIfExited();
        var events = load.Prepare(count);
        var flows = events.Select(e => e.Flow).ToArray();
        var memory = new MemorySampler(cluster);
        var connections = new ConnectionSampler(databases, databasePrefix);
        var cpu = CpuWindow.Open(cluster, servers);
        var sessionsAtStart = SessionsCpu();
        var clock = Stopwatch.StartNew();
        if (rate is { } perSecond)
            await load.PacedAsync(events, perSecond);
        else
            await load.BurstAsync(events);
        var window = clock.Elapsed;
        var completedInWindow = flows.Count(f => f.IsCompleted);
        var drainUntil = window + TimeSpan.FromSeconds(drainSeconds);
        while (flows.Any(f => f.Accepted && !f.IsCompleted) && clock.Elapsed < drainUntil)
            await Task.Delay(100);
        var total = clock.Elapsed;
        ThrowIfExited();
        var used = cpu.Close();
        var sessions = sessionsAtStart is null ? (TimeSpan?)null : ServerProcesses.SessionsCpuSince(sessionsAtStart, SessionsCpu()!);
        await memory.DisposeAsync();
        await connections.DisposeAsync();
        var result = new PhaseResult
        {
            Name = name, Rate = rate, Flows = flows, Window = window, CompletedInWindow = completedInWindow, Total = total, Cpu = used,
            Memory = memory.Summary(),
            Connections = connections.Peaks(),
            SessionsCpu = sessions,
        };
        report.Progress(result);
        return result;
    }

    /// <summary>
    /// Each process's CPU at rest, in milliseconds per second, over <paramref name="seconds"/> with nothing offered (after the earlier
    /// backlog and <paramref name="settleSeconds"/> more): pollers, relays, timers, the broker's and the database's own housekeeping. A phase's CPU per flow includes this
    /// share, which is larger the lower the rate; <see cref="EndToEndReport.Phases"/> also shows each phase without it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> MeasureIdleAsync(int seconds, int settleSeconds)
    {
        await SettleAsync(settleSeconds);
        var clock = Stopwatch.StartNew();
        var cpu = CpuWindow.Open(cluster, servers);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var used = cpu.Close();
        var elapsed = clock.Elapsed.TotalSeconds;
        ThrowIfExited();
        return used.ToDictionary(u => u.Key, u => u.Value.TotalMilliseconds / elapsed);
    }

    /// <summary>
    /// Waits for the earlier backlog, then <paramref name="seconds"/> with nothing offered. After load the runtime still compiles the
    /// methods the load made hot (tiered compilation, in the background) and the relays finish their rounds: right after a warm-up
    /// two services used 110–150 ms of CPU per second for about 20 s, against 3–5 ms/s from then on, and a phase started at once
    /// counted that work as its flows'.
    /// </summary>
    public async Task SettleAsync(int seconds)
    {
        var waitUntil = DateTime.UtcNow.AddSeconds(drainSeconds);
        while (load.Offered.Any(o => o.Flow.Accepted && !o.Flow.IsCompleted) && DateTime.UtcNow < waitUntil)
            await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        ThrowIfExited();
    }

    readonly ServerProcesses? _postgres = databases.IsPostgres ? servers.FirstOrDefault(s => s.Name == "postgres") : null;
    readonly HashSet<string> _databases = [.. databases.Postgres.Databases];

    Dictionary<int, long>? SessionsCpu() => _postgres?.SessionsCpu(_databases);

    /// <summary>A service that exited (crashed, or killed from outside) makes every later figure meaningless.</summary>
    void ThrowIfExited()
    {
        if (cluster.Processes.Where(p => p.HasExited).Select(p => p.Name).ToList() is { Count: > 0 } exited)
            throw new InvalidOperationException($"Service process(es) exited during the run: {string.Join(", ", exited)}; see their logs.");
    }
}
