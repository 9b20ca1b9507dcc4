using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Payments.Benchmarks.EndToEnd.Ceilings;
using Payments.Benchmarks.EndToEnd.Flows;
using Payments.Benchmarks.EndToEnd.History;
using Payments.Benchmarks.EndToEnd.Measuring;
using Payments.Contracts.Shared;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd;

/// <summary><c>e2e</c>: the ceilings, then the services under a burst and paced rates, then the checks (exit 1 when one fails).</summary>
public static class EndToEndProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        EndToEndOptions options;
        try { options = EndToEndOptions.Parse(args); }
        catch (BenchmarkUsageException e)
        {
            if (e.Message != "usage") Console.Error.WriteLine(e.Message);
            Console.WriteLine(EndToEndOptions.Usage);
            return e.Message == "usage" ? 0 : 2;
        }

        var report = new EndToEndReport(Console.Out);
        report.Header(options);
        var id = Guid.NewGuid().ToString("N")[..8];
        var workDirectory = Path.Combine(Path.GetTempPath(), $"payments-e2e-{id}");
        Directory.CreateDirectory(workDirectory);

        await using var broker = await VirtualHostBroker.CreateAsync(options.Rabbit, $"payments-e2e-{id}");
        if (!options.SkipCeilings)
            await MeasureCeilingsAsync(options, broker, report);

        await using var systems = await SimulatedSystems.StartAsync();
        await using var databases = await ServiceDatabases.CreateAsync(workDirectory, $"e2e_{id}", options.Postgres);
        var environment = ServiceEnvironment.Build(broker.Options, "Classic", databases, systems);
        // Information-level logging of every message is not what a measured deployment runs.
        environment["Logging__LogLevel__Default"] = "Warning";
        report.Line($"Starting {ServiceCluster.Projects.Count * options.Replicas} service processes (logs in {workDirectory}) …");
        await using var cluster = ServiceCluster.Start(workDirectory, environment, options.Replicas);
        // Stopped from outside (SIGTERM, Ctrl+C), the run would leave five services behind: kill them on the way out.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll(cluster);
        Console.CancelKeyPress += (_, _) => KillAll(cluster);
        var failed = false;
        try
        {
            await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(180));
            await WaitForConsumersAsync(broker);
            var observerQueue = await broker.DeclareObserverAsync(typeof(FlowCompleted), typeof(FlowFailed));
            await using var observer = await FlowObserver.StartAsync(broker.Options, observerQueue);
            using var load = new ChargeLoad(systems, observer, cluster.GatewayUrls);
            var servers = FindServers(options);
            report.Line($"CPU of servers measured from /proc: {(servers.Count == 0 ? "none found (ss -ltnp)" : string.Join(", ", servers.Select(s => $"{s.Name} pid {s.Pid}")))}");
            var runner = new PhaseRunner(cluster, servers, load, options.DrainSeconds, report, databases, $"e2e_{id}");

            if (options.WarmupFlows > 0)
                await runner.RunAsync("warm-up", options.WarmupFlows, 25);
            await runner.SettleAsync(options.SettleSeconds);

            var empty = new List<PhaseResult>();
            if (options.Burst > 0)
                empty.Add(await runner.RunAsync($"burst {options.Burst}", options.Burst, null));
            foreach (var rate in options.Rates)
                empty.Add(await runner.RunAsync($"{rate}/s", rate * options.Seconds, rate));
            // Measured after the rates, on warm processes: the fixed share of every phase's CPU.
            IReadOnlyDictionary<string, double>? idle = null;
            if (options.IdleSeconds > 0)
                report.Idle(idle = await runner.MeasureIdleAsync(options.IdleSeconds, options.SettleSeconds), options.IdleSeconds, options.SettleSeconds);
            report.Phases("Charge-to-order, empty databases", empty, idle);

            if (options.OtherFlowRuns > 0)
                report.OtherFlows(await new OtherFlows(systems, observer, load, cluster, options.OtherFlowRuns).RunAsync());

            // The history cluster's checks are its own; this cluster's cover every flow it served, the slices beside history too.
            var historyOk = !options.History || await new PairedHistory(options, id, systems, servers, report).RunAsync(runner);
            failed = !await CheckAsync(load, observer, broker, systems, report) || !historyOk;
        }
        catch (Exception e)
        {
            report.Line($"FAILED: {e}");
            report.Line(cluster.Logs(40));
            failed = true;
        }
        report.Line($"Load average at the end: {LoadAverage()}");
        if (!failed)
            Directory.Delete(workDirectory, recursive: true);
        return failed ? 1 : 0;
    }

    static async Task MeasureCeilingsAsync(EndToEndOptions options, VirtualHostBroker broker, EndToEndReport report)
    {
        report.Line("Raw ceilings …");
        var (server, inserts) = await RawInsertCeiling.MeasureAsync(options.Postgres!, options.Inserts, options.InsertInFlight);
        var raw = new List<(int, double)>();
        var bus = new List<(int, double)>();
        await using (var ceiling = await BusCeiling.StartAsync(broker.Options))
        {
            // Warm both paths once, then alternate so that both see the same moments of a busy machine.
            await RawRabbitCeiling.MeasureAsync(broker.Options, Math.Min(500, options.BusMessages), 8);
            await ceiling.MeasureAsync(Math.Min(500, options.BusMessages), 8);
            foreach (var level in options.BusInFlight)
            {
                raw.Add((level, await RawRabbitCeiling.MeasureAsync(broker.Options, options.BusMessages, level)));
                bus.Add((level, await ceiling.MeasureAsync(options.BusMessages, level)));
            }
        }
        report.Ceilings(server, inserts, raw, bus);
    }

    internal static async Task WaitForConsumersAsync(VirtualHostBroker broker)
    {
        foreach (var queue in new[] { "order-payment-state", "post-p21-order", "record-p21-order-on-charge" })
            await broker.WaitForConsumerAsync(queue, TimeSpan.FromSeconds(120));
    }

    static List<ServerProcesses> FindServers(EndToEndOptions options)
    {
        var servers = new List<ServerProcesses>();
        if (ServerProcesses.Listening("postgres", new NpgsqlConnectionStringBuilder(options.Postgres).Port) is { } postgres)
            servers.Add(postgres);
        if (ServerProcesses.Listening("rabbitmq", options.Rabbit.Port) is { } rabbit)
            servers.Add(rabbit);
        return servers;
    }

    /// <summary>Every accepted flow completed exactly once with exactly one P21 order; nothing in an <c>_error</c> queue.</summary>
    internal static async Task<bool> CheckAsync(ChargeLoad load, FlowObserver observer, VirtualHostBroker broker, SimulatedSystems systems, EndToEndReport report)
    {
        var orders = systems.P21.Store.Orders.Where(o => o.WebReferenceNo is not null)
            .GroupBy(o => o.WebReferenceNo!).ToDictionary(g => g.Key, g => g.Count());
        var offered = load.Offered;
        var rejected = offered.Count(o => !o.Flow.Accepted);
        var notCompleted = offered.Count(o => o.Flow.Accepted && !o.Flow.IsCompleted);
        var doubleCompleted = offered.Count(o => o.Flow.Completions > 1);
        var failedFlows = offered.Count(o => o.Flow.Failures > 0);
        var withoutOrder = offered.Count(o => o.Flow.Accepted && orders.GetValueOrDefault(o.Charge.Id) == 0);
        var doubledOrders = offered.Count(o => orders.GetValueOrDefault(o.Charge.Id) > 1);
        var errorMessages = new List<(string Name, long Messages)>();
        foreach (var queue in (await broker.QueuesAsync()).Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)))
        {
            var messages = Math.Max(queue.Messages, (long)((await broker.CountAsync(queue.Name))?.Messages ?? 0));
            if (messages > 0)
                errorMessages.Add((queue.Name, messages));
        }
        var ok = rejected == 0 && notCompleted == 0 && doubleCompleted == 0 && failedFlows == 0 && withoutOrder == 0 && doubledOrders == 0
                 && errorMessages.Count == 0;
        report.Line("");
        report.Line($"Checks over {offered.Count:N0} charge flows: rejected by the gateway {rejected}, not completed {notCompleted}, "
                    + $"FlowCompleted more than once {doubleCompleted}, FlowFailed {failedFlows}, without a P21 order {withoutOrder}, "
                    + $"with more than one P21 order {doubledOrders}; messages in _error queues: "
                    + (errorMessages.Count == 0 ? "none" : string.Join(", ", errorMessages.Select(e => $"{e.Name} {e.Messages}")))
                    + $"; announcements of untracked flows {observer.Unknown}. {(ok ? "OK" : "FAILED")}");
        if (offered.FirstOrDefault(o => o.Flow.Rejection is not null) is { Flow.Rejection: { } first })
            report.Line($"  first rejection: {first}");
        return ok;
    }

    internal static void KillAll(ServiceCluster cluster)
    {
        foreach (var process in cluster.Processes)
        {
            try { Process.GetProcessById(process.Id).Kill(entireProcessTree: true); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { /* already gone */ }
        }
    }

    static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "n/a"; }
    }

    internal static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);
}
