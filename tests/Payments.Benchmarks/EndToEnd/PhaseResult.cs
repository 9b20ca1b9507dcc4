using System.Diagnostics;
using Payments.Benchmarks.EndToEnd.Flows;
using Payments.Benchmarks.EndToEnd.Measuring;

namespace Payments.Benchmarks.EndToEnd;

/// <summary>One phase of offered load: what was offered and completed, latency, CPU per process and memory per service.</summary>
public sealed class PhaseResult
{
    public required string Name { get; init; }
    /// <summary>Flows per second offered; null for a burst.</summary>
    public double? Rate { get; init; }
    public required IReadOnlyList<TrackedFlow> Flows { get; init; }
    /// <summary>From the first post until the last was answered (the offering window).</summary>
    public required TimeSpan Window { get; init; }
    /// <summary>Flows complete when the offering window closed.</summary>
    public required int CompletedInWindow { get; init; }
    /// <summary>From the first post until every flow completed (or the drain wait ran out).</summary>
    public required TimeSpan Total { get; init; }
    public required IReadOnlyDictionary<string, TimeSpan> Cpu { get; init; }
    public required IReadOnlyDictionary<string, ServiceMemory> Memory { get; init; }
    /// <summary>
    /// CPU of the PostgreSQL backends serving this cluster's own databases (part of the server's figure in <see cref="Cpu"/>, not added to
    /// it); null on SQLite or when the server was not found. With two clusters on one server, the share that is this cluster's.
    /// </summary>
    public TimeSpan? SessionsCpu { get; init; }
    /// <summary>Most PostgreSQL sessions seen at once per database (empty on SQLite).</summary>
    public IReadOnlyDictionary<string, int> Connections { get; init; } = new Dictionary<string, int>();

    public int Offered => Flows.Count;
    public int Rejected => Flows.Count(f => !f.Accepted);
    public int Completed => Flows.Count(f => f.IsCompleted);
    public int Backlog => Offered - CompletedInWindow;
    public double CompletionRate => (double)CompletedInWindow / Offered;

    /// <summary>Completions per second, from the first post to the last completion.</summary>
    public double Throughput
    {
        get
        {
            var done = Flows.Where(f => f.IsCompleted).ToArray();
            if (done.Length == 0)
                return 0;
            var seconds = Stopwatch.GetElapsedTime(Flows.Min(f => f.SentAt), done.Max(f => f.CompletedAt)).TotalSeconds;
            return done.Length / seconds;
        }
    }

    /// <summary>Latency percentile (nearest rank) over every offered flow; a flow never completed counts as infinitely late.</summary>
    public double Percentile(double p) => Percentile(Flows, p);

    /// <summary>The same over the flows of several phases (a side's slices together).</summary>
    public static double Percentile(IEnumerable<TrackedFlow> flows, double p)
    {
        var latencies = flows.Select(f => f.IsCompleted ? f.LatencyMs : double.PositiveInfinity).Order().ToArray();
        return latencies.Length == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Length) - 1, 0, latencies.Length - 1)];
    }

    /// <summary>The bar for a sustained rate: at least 95 % completed within the window and p99 under 250 ms.</summary>
    public bool Sustained => Rate is not null && CompletionRate >= 0.95 && Percentile(99) < 250;

    /// <summary>CPU milliseconds per completed flow, per process.</summary>
    public double CpuPerFlow(string process) => Completed == 0 ? double.NaN : Cpu[process].TotalMilliseconds / Completed;
}
