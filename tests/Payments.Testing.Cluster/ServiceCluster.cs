using Payments.Sandbox.Services;

namespace Payments.Testing.Cluster;

/// <summary>
/// Every service of the one table of services (gateway, saga host, P21, Stripe and Znode services) as OS processes from their build
/// output, <c>replicas</c> of each, configured by one environment (<see cref="ServiceEnvironment"/>). Each process works and logs in
/// <c>&lt;work directory&gt;/&lt;name&gt;</c>. A process can be killed (<c>kill -9</c>) and started again with the same
/// configuration, as a crash and a container restart would.
/// </summary>
public sealed class ServiceCluster : IAsyncDisposable
{
    readonly List<ServiceProcess> _processes = [];
    readonly Lock _gate = new();

    ServiceCluster(string workDirectory, IReadOnlyDictionary<string, string> environment)
    {
        WorkDirectory = workDirectory;
        Environment = environment;
    }

    public string WorkDirectory { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The projects of the one table of services, in its order (the gateway first).</summary>
    public static IReadOnlyList<string> Projects { get; } = [.. PaymentsServices.All.Select(s => s.Project)];

    /// <summary>The running processes, replicas of a project next to each other.</summary>
    public IReadOnlyList<ServiceProcess> Processes
    {
        get
        {
            lock (_gate)
                return [.. _processes];
        }
    }

    /// <summary>The gateways' base URLs: a load generator spreads webhooks over them as a load balancer would.</summary>
    public IReadOnlyList<string> GatewayUrls => [.. Replicas(Projects[0]).Select(p => p.BaseUrl)];

    /// <summary>Starts <paramref name="replicas"/> processes of each project (every project of the table unless <paramref name="projects"/> says).</summary>
    public static ServiceCluster Start(string workDirectory, IReadOnlyDictionary<string, string> environment, int replicas = 1,
        IEnumerable<string>? projects = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        var cluster = new ServiceCluster(workDirectory, environment);
        foreach (var project in projects ?? Projects)
        {
            for (var replica = 1; replica <= replicas; replica++)
            {
                var name = replica == 1 ? project : $"{project}-{replica}";
                cluster._processes.Add(ServiceProcess.Start(project, Path.Combine(workDirectory, name), environment, name));
            }
        }
        return cluster;
    }

    /// <summary>Every replica of <paramref name="project"/>.</summary>
    public IReadOnlyList<ServiceProcess> Replicas(string project) => [.. Processes.Where(p => p.Project == project)];

    /// <summary>The process named <paramref name="name"/> (the project for the first replica).</summary>
    public ServiceProcess Process(string name) => Processes.Single(p => p.Name == name);

    /// <summary>Waits until every process answers 200 on <c>/health</c>.</summary>
    public Task WaitUntilHealthyAsync(TimeSpan within) => Task.WhenAll(Processes.Select(p => p.WaitUntilHealthyAsync(within)));

    /// <summary>Kills the process (<c>kill -9</c>) and starts it again with the same name and configuration; returns the new process once healthy.</summary>
    public async Task<ServiceProcess> RestartAsync(ServiceProcess process, TimeSpan within)
    {
        await process.DisposeAsync();
        var started = ServiceProcess.Start(process.Project, Path.Combine(WorkDirectory, process.Name), Environment, process.Name);
        lock (_gate)
            _processes[_processes.IndexOf(process)] = started;
        await started.WaitUntilHealthyAsync(within);
        return started;
    }

    /// <summary>Every process's last log lines, for a failure's report.</summary>
    public string Logs(int lines = 200) => string.Join(System.Environment.NewLine,
        Processes.Select(s => $"----- {s.Name} ({s.LogPath}){(s.HasExited ? " EXITED" : "")} -----{System.Environment.NewLine}{s.Tail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Processes)
            await process.DisposeAsync();
    }
}
