using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Measuring;

/// <summary>Resident memory of every service, sampled once a second while a phase runs: median and peak per service.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    readonly Dictionary<string, List<long>> _samples = [];
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
                    }
                }
                try { await Task.Delay(1000, _stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
    }

    /// <summary>Per service: median and peak resident bytes so far.</summary>
    public Dictionary<string, (long Median, long Peak)> Summary()
    {
        lock (_samples)
            return _samples.ToDictionary(s => s.Key, s =>
            {
                var sorted = s.Value.Order().ToArray();
                return (sorted[sorted.Length / 2], sorted[^1]);
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
