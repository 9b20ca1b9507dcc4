using System.Diagnostics;
using Payments.ServiceDefaults;

namespace Payments.Chaos;

/// <summary>
/// A RabbitMQ and a PostgreSQL of the run's own, through <c>scripts/services.sh</c> with a <c>PAYMENTS_SERVICES_DIR</c> of its own, so
/// that restarting them never disturbs another test suite running beside it. Stopped (and their data deleted) at the end.
/// </summary>
public sealed class OwnServices : IAsyncDisposable
{
    readonly string _script;
    readonly string _directory;

    OwnServices(string script, string directory, RabbitMqOptions rabbit, string postgres)
    {
        _script = script;
        _directory = directory;
        RabbitMq = rabbit;
        Postgres = postgres;
    }

    public RabbitMqOptions RabbitMq { get; }
    /// <summary>The server's connection string (database <c>payments</c>, used only to create the services' own).</summary>
    public string Postgres { get; }

    public static async Task<OwnServices> StartAsync(string directory)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "services.sh");
        // Off its defaults, so that it never takes the ports of the developer's or the other suites' servers first.
        await RunAsync(script, directory, "start", TimeSpan.FromMinutes(5), new()
        {
            ["PAYMENTS_SERVICES_AMQP_PORT"] = "5772", ["PAYMENTS_SERVICES_MGMT_PORT"] = "15772",
            ["PAYMENTS_SERVICES_DIST_PORT"] = "25772", ["PAYMENTS_SERVICES_PG_PORT"] = "15532",
        });
        var exports = File.ReadAllLines(Path.Combine(directory, "env.sh"))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        var rabbit = new RabbitMqOptions
        {
            Host = exports["PAYMENTS_TEST_RABBITMQ_HOST"],
            Port = ushort.Parse(exports["PAYMENTS_TEST_RABBITMQ_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            ManagementUri = exports["PAYMENTS_TEST_RABBITMQ_MGMT_URI"],
            Username = exports["PAYMENTS_TEST_RABBITMQ_USER"],
            Password = exports["PAYMENTS_TEST_RABBITMQ_PASS"],
        };
        return new OwnServices(script, directory, rabbit, exports["PAYMENTS_TEST_POSTGRES"]);
    }

    /// <summary>Stops the broker and starts it again on the same ports; its durable queues and persistent messages survive.</summary>
    public Task RestartRabbitMqAsync() => RunAsync(_script, _directory, "restart-rabbitmq", TimeSpan.FromMinutes(3));

    /// <summary>Stops PostgreSQL (fast shutdown: every session is cut) and starts it again.</summary>
    public Task RestartPostgresAsync() => RunAsync(_script, _directory, "restart-postgres", TimeSpan.FromMinutes(2));

    public async ValueTask DisposeAsync() => await RunAsync(_script, _directory, "stop", TimeSpan.FromMinutes(2));

    static async Task RunAsync(string script, string directory, string command, TimeSpan within, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PAYMENTS_SERVICES_DIR"] = directory;
        foreach (var (key, value) in environment ?? [])
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"services.sh {command} did not finish within {within.TotalSeconds} s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"services.sh {command} failed ({process.ExitCode}): {await output}{await error}");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Payments.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Payments.sln above {AppContext.BaseDirectory}.");
    }
}
