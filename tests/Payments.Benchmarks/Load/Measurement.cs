namespace Payments.Benchmarks.Load;

/// <summary>One run's figures: throughput over the whole run, latency percentiles (nearest rank) per operation.</summary>
public sealed class Measurement
{
    readonly double[] _sorted;

    public Measurement(int count, int concurrency, TimeSpan elapsed, IEnumerable<double> latenciesMs, int failures, string? firstFailure)
    {
        Count = count;
        Concurrency = concurrency;
        Elapsed = elapsed;
        Failures = failures;
        FirstFailure = firstFailure;
        _sorted = [.. latenciesMs.Order()];
    }

    public int Count { get; }
    public int Concurrency { get; }
    public TimeSpan Elapsed { get; }
    public int Failures { get; }
    public string? FirstFailure { get; }

    public double PerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>Slices of one run as one: operations and time add up, latencies pool.</summary>
    public static Measurement Combine(IReadOnlyList<Measurement> slices) =>
        new(slices.Sum(s => s.Count), slices[0].Concurrency, TimeSpan.FromTicks(slices.Sum(s => s.Elapsed.Ticks)),
            slices.SelectMany(s => s._sorted), slices.Sum(s => s.Failures), slices.Select(s => s.FirstFailure).FirstOrDefault(f => f is not null));

    /// <summary>The same operations over a longer time: <paramref name="extra"/> spent after the last answer finishing their work (the latencies stay the answers').</summary>
    public Measurement Lasting(TimeSpan extra) => new(Count, Concurrency, Elapsed + extra, _sorted, Failures, FirstFailure);

    public double Percentile(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
