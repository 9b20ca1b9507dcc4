using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Measuring;

/// <summary>
/// Resident memory of every service, sampled once a second while a phase runs: median and peak per service, and the median of its
/// proportional share (PSS), which counts the pages it shares with the other services' processes once among them.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    readonly Dictionary<string, List<(long Resident, long? Proportional)>> _samples = [];
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    public MemorySampler(ServiceCluster cluster)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var process in cluster.Processes)
                {
                    var name = process.Name.Replace("Payments.", "", StringComparison.Ordinal);
                    lock (_samples)
                    {
                        if (!_samples.TryGetValue(name, out var list))
                            _samples[name] = list = [];
                        list.Add((process.ResidentBytes, process.ProportionalBytes));
                    }
                }
                try { await Task.Delay(1000, _stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
    }

    /// <summary>Per service: median and peak resident bytes so far, and the median proportional bytes (null where not measured).</summary>
    public Dictionary<string, ServiceMemory> Summary()
    {
        lock (_samples)
            return _samples.ToDictionary(s => s.Key, s =>
            {
                var sorted = s.Value.Select(v => v.Resident).Order().ToArray();
                var shares = s.Value.Where(v => v.Proportional is not null).Select(v => v.Proportional!.Value).Order().ToArray();
                return new ServiceMemory(sorted[sorted.Length / 2], sorted[^1], shares.Length > 0 ? shares[shares.Length / 2] : null);
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>A service's resident bytes in a phase (median, peak of the samples) and its median proportional share (PSS).</summary>
public sealed record ServiceMemory(long Median, long Peak, long? ProportionalMedian);
