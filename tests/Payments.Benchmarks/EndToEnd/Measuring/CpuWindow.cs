using System.Diagnostics;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd.Measuring;

/// <summary>CPU time per process at the start of a measured window; <see cref="Close"/> gives each one's use since, by name.</summary>
public sealed class CpuWindow
{
    readonly Dictionary<string, Func<TimeSpan>> _readers;
    readonly Dictionary<string, TimeSpan> _start;

    CpuWindow(Dictionary<string, Func<TimeSpan>> readers)
    {
        _readers = readers;
        _start = readers.ToDictionary(r => r.Key, r => r.Value());
    }

    /// <summary>This process's entry: the load generator and the simulators, which stand in for Stripe and P21.</summary>
    public const string Bench = "bench (load+simulators)";

    /// <summary>The services, the servers found, and this process (the load generator and the simulators).</summary>
    public static CpuWindow Open(ServiceCluster cluster, IEnumerable<ServerProcesses> servers)
    {
        var readers = new Dictionary<string, Func<TimeSpan>>();
        foreach (var process in cluster.Processes)
            readers[process.Name.Replace("Payments.", "", StringComparison.Ordinal)] = () => process.CpuTime;
        foreach (var server in servers)
            readers[server.Name] = () => server.CpuTime;
        var self = Process.GetCurrentProcess();
        readers[Bench] = () =>
        {
            self.Refresh();
            return self.TotalProcessorTime;
        };
        return new CpuWindow(readers);
    }

    public Dictionary<string, TimeSpan> Close() => _readers.ToDictionary(r => r.Key, r => r.Value() - _start[r.Key]);
}
