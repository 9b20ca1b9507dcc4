using Payments.Benchmarks.EndToEnd.Flows;
using Payments.Benchmarks.EndToEnd.Measuring;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.History;

/// <summary>
/// Issue 16 item 3, measured so that the machine's own drift cannot pass for the history's cost: a second cluster of the services on
/// databases of their own, seeded with a day of retained traffic, beside the empty one on the same broker and server; then each paced
/// rate in slices that alternate between the two (E H, H E, E H, …), so that a slower or faster moment of a shared box falls on
/// both sides alike. Each side's figures are the sums over its slices. Run one after the other, the halves of a run have differed by
/// 27–78 % in processes the history does not touch (the benchmark's own, RabbitMQ), more than the effect being measured.
/// </summary>
public sealed class PairedHistory(EndToEndOptions options, string id, SimulatedSystems systems, IReadOnlyList<ServerProcesses> servers,
    EndToEndReport report)
{
    /// <summary>Flows run on the history cluster before the seeding, whose rows the seeder copies.</summary>
    const int SampleFlows = 300;

    /// <summary>The history side's checks passed (every flow once, one P21 order each, nothing in its <c>_error</c> queues).</summary>
    public async Task<bool> RunAsync(PhaseRunner empty)
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), $"payments-e2h-{id}");
        Directory.CreateDirectory(workDirectory);
        await using var broker = await VirtualHostBroker.CreateAsync(options.Rabbit, $"payments-e2h-{id}");
        // Its own prefix, not the empty side's with a suffix: the sessions sampler and the CPU of a side's backends go by database name.
        var prefix = $"e2h_{id}";
        await using var databases = await ServiceDatabases.CreateAsync(workDirectory, prefix, options.Postgres);
        var environment = ServiceEnvironment.Build(broker.Options, "Classic", databases, systems);
        environment["Logging__LogLevel__Default"] = "Warning";
        report.Line("");
        report.Line($"History: a second cluster of {ServiceCluster.Projects.Count * options.Replicas} service processes on databases {prefix}_* "
                    + $"(logs in {workDirectory}) …");
        await using var cluster = ServiceCluster.Start(workDirectory, environment, options.Replicas);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => EndToEndProgram.KillAll(cluster);
        await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(180));

        await EndToEndProgram.WaitForConsumersAsync(broker);
        var observerQueue = await broker.DeclareObserverAsync(typeof(Payments.Contracts.Shared.FlowCompleted), typeof(Payments.Contracts.Shared.FlowFailed));
        await using var observer = await FlowObserver.StartAsync(broker.Options, observerQueue);
        using var load = new ChargeLoad(systems, observer, cluster.GatewayUrls);
        var history = new PhaseRunner(cluster, servers, load, options.DrainSeconds, report, databases, prefix);

        // What one flow leaves behind, from real flows on these databases: the seeder copies their rows into a day's worth. The pause
        // lets the last flows' finishing writes land (a consumer's outbox finish, the intake entries in the audit trail).
        var sample = await history.RunAsync("history sample", SampleFlows, 25);
        await Task.Delay(TimeSpan.FromSeconds(10));
        report.Line($"Seeding history: {options.HistoryFlows:N0} flows of retained traffic, made from the {sample.Completed} sample flows' rows …");
        report.Line($"Seeded {await HistorySeeder.SeedAsync(databases, options.HistoryFlows, report, sample.Completed)} in the history cluster's databases.");
        // Fresh processes on the seeded tables, so that nothing cached at start (a query plan, a pool's first statements) predates them.
        foreach (var process in cluster.Processes.ToList())
            await cluster.RestartAsync(process, TimeSpan.FromSeconds(180));
        load.UseGateways(cluster.GatewayUrls);
        await EndToEndProgram.WaitForConsumersAsync(broker);
        // The same unmeasured work the empty side had before its rates: the warm-up, then the burst.
        if (options.WarmupFlows > 0)
            await history.RunAsync("history warm-up", options.WarmupFlows, 25);
        if (options.Burst > 0)
            await history.RunAsync($"history burst {options.Burst} (warm-up)", options.Burst, null);
        await history.SettleAsync(options.SettleSeconds);
        await empty.SettleAsync(0);

        report.Line($"Alternating slices of {options.Seconds} s, {options.HistoryPairs} pair(s) per rate …");
        var (statements, noStatements) = await StatementTotals.ResetAsync(options.Postgres!);
        if (!statements)
            report.Line($"  (no statement totals per side: {noStatements})");
        var slices = new List<(int Rate, PhaseResult Empty, PhaseResult History)>();
        foreach (var rate in options.Rates)
        {
            for (var pair = 1; pair <= options.HistoryPairs; pair++)
            {
                var count = rate * options.Seconds;
                PhaseResult e, h;
                if (pair % 2 == 1)
                {
                    e = await empty.RunAsync($"{rate}/s empty #{pair}", count, rate);
                    h = await history.RunAsync($"{rate}/s history #{pair}", count, rate);
                }
                else
                {
                    h = await history.RunAsync($"{rate}/s history #{pair}", count, rate);
                    e = await empty.RunAsync($"{rate}/s empty #{pair}", count, rate);
                }
                slices.Add((rate, e, h));
            }
        }
        report.Phases("Charge-to-order, empty databases (slices alternating with the history cluster's)", [.. slices.Select(s => s.Empty)]);
        report.Phases("Charge-to-order, with a day of history (slices alternating with the empty cluster's)", [.. slices.Select(s => s.History)]);
        report.ComparePaired(slices);
        if (statements)
        {
            report.ComparePairedStatements(await StatementTotals.ReadAsync(options.Postgres!, empty.DatabasePrefix), slices.Sum(s => s.Empty.Completed),
                await StatementTotals.ReadAsync(options.Postgres!, prefix), slices.Sum(s => s.History.Completed));
        }

        var ok = await EndToEndProgram.CheckAsync(load, observer, broker, systems, report);
        if (ok)
            Directory.Delete(workDirectory, recursive: true);
        else
            report.Line(cluster.Logs(40));
        return ok;
    }
}
