using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Payments.Testing.Cluster;

/// <summary>
/// One Payments service run as its own OS process (<c>dotnet &lt;its built dll&gt;</c>), configured only through environment variables,
/// as a deployment runs it. Its stdout and stderr go to a log file that <see cref="Tail"/> reads back when a test fails.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StreamWriter _log;
    readonly Lock _logGate = new();

    ServiceProcess(string project, string name, Process process, StreamWriter log, string logPath, string baseUrl)
    {
        Project = project;
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseUrl = baseUrl;
    }

    /// <summary>The project it runs, e.g. <c>Payments.Gateway</c>.</summary>
    public string Project { get; }
    /// <summary>The project, with the replica's number after the first (<c>Payments.Gateway-2</c>).</summary>
    public string Name { get; }
    public string LogPath { get; }
    /// <summary>Where its Kestrel listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }
    public bool HasExited => _process.HasExited;
    public int Id => _process.Id;

    /// <summary>User and system CPU time the process has used so far (Linux reads /proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory now (VmRSS on Linux).</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>
    /// Proportional resident memory now (Linux's PSS, <c>/proc/&lt;pid&gt;/smaps_rollup</c>): each page shared with other processes (the
    /// framework's and the libraries' files, mapped by every .NET process on the host) counted as its share; null where not available.
    /// </summary>
    public long? ProportionalBytes
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{_process.Id}/smaps_rollup"))
                {
                    if (line.StartsWith("Pss:", StringComparison.Ordinal)
                        && long.TryParse(line["Pss:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), out var kilobytes))
                        return kilobytes * 1024;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Not Linux, or the process is gone.
            }
            return null;
        }
    }

    /// <summary>
    /// Starts <paramref name="project"/>'s build output in <paramref name="workDirectory"/> on a free loopback port, logging into
    /// <c>&lt;name&gt;.log</c> there (a restarted service continues its log). <paramref name="name"/> defaults to the project.
    /// </summary>
    public static ServiceProcess Start(string project, string workDirectory, IReadOnlyDictionary<string, string> environment, string? name = null)
    {
        name ??= project;
        var dll = BuildOutput.Locate(project, project + ".dll");
        Directory.CreateDirectory(workDirectory);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(DotnetHost(), [dll])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // One line per entry with a time, so the log files read as a timeline next to each other.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        start.Environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning"; // not every SQL command
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var logPath = Path.Combine(workDirectory, name + ".log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true }; // a restarted service continues its log
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(project, name, process, log, logPath, baseUrl);
        process.OutputDataReceived += (_, e) => service.Write(e.Data);
        process.ErrorDataReceived += (_, e) => service.Write(e.Data is null ? null : "stderr: " + e.Data);
        service.Write($"$ {start.FileName} {dll} (in {workDirectory}, {baseUrl})");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until <c>/health</c> answers 200: every check the service registered (bus connected, database, P21) is healthy.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        var last = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy; see {LogPath}");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Name} was not healthy within {within.TotalSeconds} s (last: {last}); see {LogPath}");
            await Task.Delay(250);
        }
    }

    /// <summary>The last lines of the service's output.</summary>
    public string Tail(int lines = 200)
    {
        var all = LogLines();
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>How many lines of the service's output contain <paramref name="text"/> (without regard to case).</summary>
    public int LogLinesContaining(string text) => LogLines().Count(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));

    string[] LogLines()
    {
        lock (_logGate)
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n');
        }
    }

    void Write(string? line)
    {
        if (line is null)
            return;
        lock (_logGate)
            _log.WriteLine(line);
    }

    /// <summary>Kills the process at once, as <c>kill -9</c> does (SIGKILL: no shutdown, no flush), and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }
        finally
        {
            _process.Dispose();
            lock (_logGate)
                _log.Dispose();
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>dotnet test</c> names the muxer it runs under in DOTNET_HOST_PATH.</summary>
    static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

/// <summary>
/// Finds a project's own build output (<c>src/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0</c>), built in this test project's
/// configuration because the test project references it (without referencing its assembly). With <c>PAYMENTS_SERVICE_PUBLISH_DIR</c>
/// set, a published build instead (<c>&lt;dir&gt;/&lt;project&gt;</c>, as <c>scripts/publish-services.sh</c> writes it), so that a
/// benchmark measures the services as published, or a publishing choice (ReadyToRun) before the image takes it.
/// </summary>
public static class BuildOutput
{
    public const string PublishDirVariable = "PAYMENTS_SERVICE_PUBLISH_DIR";

    public static string Locate(string project, string file)
    {
        if (Environment.GetEnvironmentVariable(PublishDirVariable) is { Length: > 0 } published)
        {
            var publishedPath = Path.Combine(published, project, file);
            return File.Exists(publishedPath)
                ? publishedPath
                : throw new FileNotFoundException($"{publishedPath} is missing: publish the services there ({PublishDirVariable} names it).", publishedPath);
        }
        var configuration = typeof(BuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name; // net10.0
        var path = Path.Combine(RepositoryRoot(), "src", project, "bin", configuration, framework, file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: build src/{project} in {configuration} (building this project in {configuration} does).", path);
        return path;
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
