using System.Globalization;
using Payments.Benchmarks.EndToEnd.Flows;
using Payments.Benchmarks.EndToEnd.Measuring;

namespace Payments.Benchmarks.EndToEnd;

/// <summary>Prints the figures as they come, as tables a README can take as they are.</summary>
public sealed partial class EndToEndReport(TextWriter output)
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Line(string text) => output.WriteLine(text);

    public void Header(EndToEndOptions options)
    {
        Line($"End-to-end benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {Load()}");
        Line($"Broker {options.Rabbit.Host}:{options.Rabbit.Port}; PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(options.Postgres) { Password = null }.Host}:"
             + $"{new Npgsql.NpgsqlConnectionStringBuilder(options.Postgres).Port}");
        Line("");
    }

    static string Load()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "n/a"; }
    }

    public void Ceilings(string server, IReadOnlyList<(int InFlight, double PerSecond)> inserts, IReadOnlyList<(int InFlight, double PerSecond)> raw,
        IReadOnlyList<(int InFlight, double PerSecond)> bus)
    {
        Line("");
        Line($"Raw ceilings (same broker and database, same run; {server}):");
        Line("| in flight | INSERT+COMMIT rows/s | RabbitMQ.Client publish+confirm+consume msg/s | MassTransit send→consume msg/s | bus / raw |");
        Line("|---:|---:|---:|---:|---:|");
        foreach (var level in inserts.Select(i => i.InFlight).Union(raw.Select(r => r.InFlight)).Order())
        {
            var insert = inserts.FirstOrDefault(i => i.InFlight == level).PerSecond;
            var r = raw.FirstOrDefault(x => x.InFlight == level).PerSecond;
            var b = bus.FirstOrDefault(x => x.InFlight == level).PerSecond;
            Line($"| {level} | {Num(insert)} | {Num(r)} | {Num(b)} | {(r > 0 && b > 0 ? (b / r).ToString("0.00", Invariant) : "–")} |");
        }
        Line("");
    }

    public void Progress(PhaseResult p) =>
        Line($"  {p.Name,-16} offered {p.Offered,5} in {p.Window.TotalSeconds,5:0.0} s, completed {p.Completed,5} "
             + $"({p.CompletedInWindow} within the window), {p.Throughput,6:0.0} flows/s, p50 {Ms(p.Percentile(50))} p99 {Ms(p.Percentile(99))} ms, "
             + $"CPU {p.Cpu.Values.Sum(c => c.TotalMilliseconds) / Math.Max(1, p.Completed),5:0.0} ms/flow, load {Load()}");

    public void Idle(IReadOnlyDictionary<string, double> idle, int seconds, int settleSeconds)
    {
        Line("");
        Line($"CPU at rest after the paced rates, ms per second, per process ({seconds} s, nothing offered, after {settleSeconds} s to settle):");
        Line("| " + string.Join(" | ", idle.Keys) + " | total |");
        Line("|" + string.Concat(idle.Keys.Select(_ => "---:|")) + "---:|");
        Line("| " + string.Join(" | ", idle.Values.Select(v => v.ToString("0.0", Invariant))) + $" | {idle.Values.Sum():0.0} |");
    }

    /// <summary>The phases' outcome, latency, CPU per flow (also without the CPU at rest, when <paramref name="idle"/> was measured) and memory.</summary>
    public void Phases(string title, IReadOnlyList<PhaseResult> phases, IReadOnlyDictionary<string, double>? idle = null)
    {
        if (phases.Count == 0)
            return;
        Line("");
        Line($"{title}:");
        Line("| phase | offered | completed | in window | completion | flows/s | p50 ms | p95 ms | p99 ms | max ms | backlog at end | sustained |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var p in phases)
            Line($"| {p.Name} | {p.Offered} | {p.Completed} | {p.CompletedInWindow} | {p.CompletionRate:P0} | {p.Throughput:0.0} | {Ms(p.Percentile(50))} | "
                 + $"{Ms(p.Percentile(95))} | {Ms(p.Percentile(99))} | {Ms(p.Percentile(100))} | {p.Backlog} | {(p.Rate is null ? "–" : p.Sustained ? "yes" : "no")} |");
        var sustained = phases.Where(p => p.Sustained).Select(p => p.Rate!.Value).DefaultIfEmpty().Max();
        Line($"Highest sustained rate (≥ 95 % completed within the window, p99 < 250 ms): {(sustained > 0 ? $"{sustained:0}/s" : "none of the rates tried")}");

        Line("");
        Line("CPU ms per completed flow, per process (window: first post to last completion):");
        var processes = phases[0].Cpu.Keys.ToList();
        Line("| phase | " + string.Join(" | ", processes) + " | total |");
        Line("|---|" + string.Concat(processes.Select(_ => "---:|")) + "---:|");
        foreach (var p in phases)
            Line($"| {p.Name} | " + string.Join(" | ", processes.Select(n => p.CpuPerFlow(n).ToString("0.0", Invariant)))
                 + $" | {p.Cpu.Values.Sum(c => c.TotalMilliseconds) / Math.Max(1, p.Completed):0.0} |");
        if (idle is not null)
        {
            // What a flow adds: the phase's CPU less what each process spends at rest over the same time. At a low rate the fixed share
            // is much of the per-flow figure above; at the issue's 100 flows/s it would be a tenth of what it is at 10/s.
            Line("");
            Line("CPU ms per completed flow beyond the CPU at rest (the phase's CPU less the rest rate × the phase's time):");
            Line("| phase | " + string.Join(" | ", processes) + " | total |");
            Line("|---|" + string.Concat(processes.Select(_ => "---:|")) + "---:|");
            foreach (var p in phases)
            {
                double Beyond(string n) => (p.Cpu[n].TotalMilliseconds - idle.GetValueOrDefault(n) * p.Total.TotalSeconds) / Math.Max(1, p.Completed);
                Line($"| {p.Name} | " + string.Join(" | ", processes.Select(n => Beyond(n).ToString("0.0", Invariant)))
                     + $" | {processes.Sum(Beyond):0.0} |");
            }
        }

        Line("");
        var services = phases[0].Memory.Keys.ToList();
        void MemoryTable(string title, Func<ServiceMemory, string?> cell)
        {
            Line(title);
            Line("| phase | " + string.Join(" | ", services) + " |");
            Line("|---|" + string.Concat(services.Select(_ => "---:|")));
            foreach (var p in phases)
                Line($"| {p.Name} | " + string.Join(" | ", services.Select(s => p.Memory.TryGetValue(s, out var m) ? cell(m) ?? "–" : "–")) + " |");
        }
        MemoryTable("Resident memory per service, MB (median / peak of 1 s samples):", m => $"{EndToEndProgram.Mb(m.Median)} / {EndToEndProgram.Mb(m.Peak)}");
        if (phases.Any(p => p.Memory.Values.Any(m => m.ProportionalMedian is not null)))
        {
            Line("");
            MemoryTable("Proportional memory per service (PSS: a page shared with other processes, such as the framework's files every service maps, counted as its share), MB, median:",
                m => m.ProportionalMedian is { } share ? EndToEndProgram.Mb(share) : null);
        }
        Connections(phases);
    }

    /// <summary>The peak sessions per database of each phase (PostgreSQL only).</summary>
    void Connections(IReadOnlyList<PhaseResult> phases)
    {
        var databases = phases.SelectMany(p => p.Connections.Keys).Distinct().Order().ToList();
        if (databases.Count == 0)
            return;
        Line("");
        Line("PostgreSQL sessions per database, peak of 1 s samples (the audit database's are every service's):");
        Line("| phase | " + string.Join(" | ", databases) + " | sum of peaks |");
        Line("|---|" + string.Concat(databases.Select(_ => "---:|")) + "---:|");
        foreach (var p in phases)
            Line($"| {p.Name} | " + string.Join(" | ", databases.Select(d => p.Connections.GetValueOrDefault(d).ToString(Invariant)))
                 + $" | {p.Connections.Values.Sum()} |");
    }

    /// <summary>
    /// The paired comparison of <see cref="History.PairedHistory"/>, per rate over all its slices: latency and throughput, then CPU per
    /// flow split into what is each side's own (its service processes and the PostgreSQL backends of its databases) and what the
    /// servers and this process spent for both clusters (the idle one's pollers included). The own figure is the one the history can
    /// change; the benchmark process (load and simulators), which the history does not touch, shows whether the slices were fair.
    /// </summary>
    public void ComparePaired(IReadOnlyList<(int Rate, PhaseResult Empty, PhaseResult History)> slices)
    {
        static bool IsService(string process) => process is not (CpuWindow.Bench or "postgres" or "rabbitmq");
        static double Own(PhaseResult p) => p.Cpu.Where(c => IsService(c.Key)).Sum(c => c.Value.TotalMilliseconds)
                                            + (p.SessionsCpu?.TotalMilliseconds ?? 0);
        static double Sum(IEnumerable<PhaseResult> phases, Func<PhaseResult, double> milliseconds) =>
            phases.Sum(milliseconds) / Math.Max(1, phases.Sum(p => p.Completed));
        static string Latency(IEnumerable<PhaseResult> phases)
        {
            var flows = phases.SelectMany(p => p.Flows).ToList();
            string At(double p) => flows.Count == 0 ? "–" : Ms(PhaseResult.Percentile(flows, p));
            return $"{At(50)} / {At(95)} / {At(99)}";
        }
        static string Ratio(double history, double empty) => empty > 0 ? (history / empty).ToString("0.00", Invariant) : "–";

        Line("");
        Line("Empty vs with a day of history, slices alternating (CPU ms per completed flow over all of a side's slices; "
             + "own = the side's services + its databases' PostgreSQL backends):");
        Line("| rate | slices | flows/s empty / history | p50 / p95 / p99 ms empty | p50 / p95 / p99 ms history | own empty → history | history / empty (own) | own ratio per pair "
             + "| services alone | PostgreSQL backends | all processes | benchmark process (control) |");
        Line("|---:|---:|---|---|---|---|---:|---|---|---|---|---|");
        foreach (var group in slices.GroupBy(s => s.Rate))
        {
            var empty = group.Select(s => s.Empty).ToList();
            var history = group.Select(s => s.History).ToList();
            string Pair(Func<PhaseResult, double> milliseconds)
            {
                var (e, h) = (Sum(empty, milliseconds), Sum(history, milliseconds));
                return $"{e:0.0} → {h:0.0} ({Ratio(h, e)})";
            }
            var (ownEmpty, ownHistory) = (Sum(empty, Own), Sum(history, Own));
            var perPair = string.Join(", ", group.Select(s => Ratio(Own(s.History) / Math.Max(1, s.History.Completed), Own(s.Empty) / Math.Max(1, s.Empty.Completed))));
            Line($"| {group.Key}/s | {group.Count()} + {group.Count()} | {empty.Average(p => p.Throughput):0.0} / {history.Average(p => p.Throughput):0.0} "
                 + $"| {Latency(empty)} | {Latency(history)} | {ownEmpty:0.0} → {ownHistory:0.0} | {Ratio(ownHistory, ownEmpty)} | {perPair} "
                 + $"| {Pair(p => p.Cpu.Where(c => IsService(c.Key)).Sum(c => c.Value.TotalMilliseconds))} "
                 + $"| {Pair(p => p.SessionsCpu?.TotalMilliseconds ?? 0)} "
                 + $"| {Pair(p => p.Cpu.Values.Sum(c => c.TotalMilliseconds))} "
                 + $"| {Pair(p => p.Cpu.GetValueOrDefault(CpuWindow.Bench).TotalMilliseconds)} |");
        }
    }

    /// <summary>
    /// PostgreSQL's work per completed flow on each side of the paired run, per service database, then the statements whose history
    /// side cost the most more (matched by their text, as the two databases give one statement different ids).
    /// </summary>
    public void ComparePairedStatements(IReadOnlyList<StatementTotal> empty, int emptyFlows, IReadOnlyList<StatementTotal> history, int historyFlows)
    {
        // A side with no such statement (or database) shows a dash rather than a zero.
        string Per(IReadOnlyCollection<StatementTotal> totals, Func<StatementTotal, double> value, int flows, string format) =>
            totals.Count == 0 ? "–" : (totals.Sum(value) / Math.Max(1, flows)).ToString(format, Invariant);
        string Both(IReadOnlyCollection<StatementTotal> e, IReadOnlyCollection<StatementTotal> h, Func<StatementTotal, double> value, string format = "0.0") =>
            $"{Per(e, value, emptyFlows, format)} → {Per(h, value, historyFlows, format)}";

        Line("");
        Line($"PostgreSQL per completed flow, empty → history (pg_stat_statements over the slices; {emptyFlows} and {historyFlows} flows):");
        Line("| database | statements | exec ms | buffers hit | buffers read | buffers dirtied | WAL full pages | WAL kB |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (var service in empty.Select(s => s.Service).Union(history.Select(s => s.Service)).Order())
        {
            var (e, h) = (empty.Where(s => s.Service == service).ToList(), history.Where(s => s.Service == service).ToList());
            Line($"| {service} | {Both(e, h, s => s.Calls)} | {Both(e, h, s => s.ExecMilliseconds, "0.00")} | {Both(e, h, s => s.BlocksHit)} "
                 + $"| {Both(e, h, s => s.BlocksRead, "0.00")} | {Both(e, h, s => s.BlocksDirtied, "0.00")} | {Both(e, h, s => s.WalFullPages, "0.00")} "
                 + $"| {Both(e, h, s => (double)s.WalBytes / 1024, "0.00")} |");
        }
        Line($"| all | {Both(empty, history, s => s.Calls)} | {Both(empty, history, s => s.ExecMilliseconds, "0.00")} | {Both(empty, history, s => s.BlocksHit)} "
             + $"| {Both(empty, history, s => s.BlocksRead, "0.00")} | {Both(empty, history, s => s.BlocksDirtied, "0.00")} "
             + $"| {Both(empty, history, s => s.WalFullPages, "0.00")} | {Both(empty, history, s => (double)s.WalBytes / 1024, "0.00")} |");

        // Per flow, so a side that completed more flows is not charged for them.
        var byKey = empty.Select(s => (Side: 0, Total: s)).Concat(history.Select(s => (Side: 1, Total: s)))
            .GroupBy(s => (s.Total.Service, Query: OneLine(s.Total.Query)))
            .Select(g =>
            {
                StatementTotal? Side(int side) => g.Where(s => s.Side == side).Select(s => s.Total).FirstOrDefault();
                var (e, h) = (Side(0), Side(1));
                double PerFlow(StatementTotal? t, Func<StatementTotal, double> value, int flows) => t is null ? 0 : value(t) / Math.Max(1, flows);
                return (g.Key.Service, g.Key.Query, E: e, H: h,
                    ExtraMs: PerFlow(h, t => t.ExecMilliseconds, historyFlows) - PerFlow(e, t => t.ExecMilliseconds, emptyFlows),
                    ExtraRead: PerFlow(h, t => t.BlocksRead, historyFlows) - PerFlow(e, t => t.BlocksRead, emptyFlows),
                    ExtraFullPages: PerFlow(h, t => t.WalFullPages, historyFlows) - PerFlow(e, t => t.WalFullPages, emptyFlows));
            })
            .ToList();
        void Top(string title, Func<(string Service, string Query, StatementTotal? E, StatementTotal? H, double ExtraMs, double ExtraRead, double ExtraFullPages), double> by)
        {
            Line("");
            Line(title);
            Line("| database | statement | calls/flow | exec ms/flow | buffers hit/flow | buffers read/flow | dirtied/flow | WAL full pages/flow |");
            Line("|---|---|---|---|---|---|---|---|");
            foreach (var s in byKey.OrderByDescending(by).Take(10).Where(s => by(s) > 0))
            {
                StatementTotal[] e = s.E is null ? [] : [s.E], h = s.H is null ? [] : [s.H];
                Line($"| {s.Service} | `{Shorten(s.Query, 110)}` | {Both(e, h, t => t.Calls, "0.00")} | {Both(e, h, t => t.ExecMilliseconds, "0.000")} "
                     + $"| {Both(e, h, t => t.BlocksHit)} | {Both(e, h, t => t.BlocksRead, "0.00")} | {Both(e, h, t => t.BlocksDirtied, "0.00")} "
                     + $"| {Both(e, h, t => t.WalFullPages, "0.00")} |");
            }
        }
        Top("Statements that took the most more time per flow with history (empty → history):", s => s.ExtraMs);
        Top("Statements that wrote the most more full-page images per flow with history (empty → history):", s => s.ExtraFullPages);
        Top("Statements that read the most more buffers from outside shared buffers per flow with history (empty → history):", s => s.ExtraRead);
    }

    /// <summary>
    /// The statement's text on one line with its constants and parameters as <c>?</c>: pg_stat_statements keeps the text of a statement's
    /// first sighting, with constants made parameters only when it saw the statement parsed (<c>LIMIT $2</c> in one database, <c>LIMIT 2</c>
    /// in the other, where a session had prepared it before the reset).
    /// </summary>
    static string OneLine(string query) =>
        Constants().Replace(string.Join(' ', query.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)), "?");

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\d+|'[^']*'|\b\d+\b")]
    private static partial System.Text.RegularExpressions.Regex Constants();

    static string Shorten(string query, int length) => (query.Length <= length ? query : query[..(length - 1)] + "…").Replace("|", "\\|");

    public void OtherFlows(IReadOnlyList<OtherFlowResult> flows)
    {
        Line("");
        Line("Other flows (each run a few times, one after another; latency from the starting event to the flow's FlowCompleted):");
        Line("| flow | runs | completed | p50 ms | max ms | note |");
        Line("|---|---:|---:|---:|---:|---|");
        foreach (var f in flows)
        {
            var done = f.LatenciesMs.Order().ToArray();
            Line($"| {f.Flow} | {f.Runs} | {done.Length} | {(done.Length > 0 ? Ms(done[done.Length / 2]) : "–")} | "
                 + $"{(done.Length > 0 ? Ms(done[^1]) : "–")} | {f.Note} |");
        }
    }

    static string Num(double value) => value > 0 ? value.ToString("0", Invariant) : "–";

    static string Ms(double value) => double.IsInfinity(value) ? "∞" : value.ToString("0", Invariant);
}
