using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Measuring;

/// <summary>
/// Resident memory of every service, sampled once a second while a phase runs: median and peak per service, and the median of its
/// proportional share (PSS), which counts the pages it shares with the other services' processes once among them.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    readonly Dictionary<string, List<long>> _samples = [];
    readonly Dictionary<string, List<long>> _proportional = [];
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
                        list.Add(process.ResidentBytes);
                        if (process.ProportionalBytes is { } share)
                        {
                            if (!_proportional.TryGetValue(name, out var shares))
                                _proportional[name] = shares = [];
                            shares.Add(share);
                        }
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
                var sorted = s.Value.Order().ToArray();
                long? share = _proportional.TryGetValue(s.Key, out var shares) && shares.Count > 0 ? shares.Order().ElementAt(shares.Count / 2) : null;
                return new ServiceMemory(sorted[sorted.Length / 2], sorted[^1], share);
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
