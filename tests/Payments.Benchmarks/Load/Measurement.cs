namespace Payments.Benchmarks.Load;

/// <summary>One run's figures: throughput over the whole run, latency percentiles (nearest rank) per operation.</summary>
public sealed class Measurement
{
    readonly double[] _sorted;

    public Measurement(int count, int concurrency, TimeSpan elapsed, double[] latenciesMs, int failures, string? firstFailure)
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

    public double Percentile(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
