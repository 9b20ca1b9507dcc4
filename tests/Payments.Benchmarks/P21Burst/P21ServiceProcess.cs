using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Payments.Benchmarks.P21Burst;

/// <summary>
/// The P21 service's build output (<c>src/Payments.P21Service/bin/&lt;configuration&gt;/net10.0</c>, built with this program, which references it)
/// as its own OS process, configured by environment variables only, so that its resident memory and CPU time are its own (read from /proc).
/// </summary>
public sealed class P21ServiceProcess : IAsyncDisposable
{
    const string Project = "Payments.P21Service";
    readonly Process _process;
    readonly string _baseUrl;
    readonly StreamWriter _log;

    P21ServiceProcess(Process process, string baseUrl, StreamWriter log, string logPath)
    {
        _process = process;
        _baseUrl = baseUrl;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }
    public int Id => _process.Id;

    public static P21ServiceProcess Start(IReadOnlyDictionary<string, string> environment, string workDirectory)
    {
        var dll = Locate();
        Directory.CreateDirectory(workDirectory);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        // Warnings and errors only: a line per order would cost what is measured; a time-out or a fault shows up.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var logPath = Path.Combine(workDirectory, Project + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.WriteLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.WriteLine("stderr: " + line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new P21ServiceProcess(process, baseUrl, log, logPath);
    }

    public async Task WaitUntilHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The P21 service exited ({_process.ExitCode}); see {LogPath}");
            try
            {
                using var response = await http.GetAsync(_baseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The P21 service was not healthy within {within.TotalSeconds} s (last: {last}); see {LogPath}");
    }

    /// <summary>Resident memory now (VmRSS), in MB.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>User plus system CPU time so far (/proc/&lt;pid&gt;/stat, 100 clock ticks a second on Linux).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Lines of the service's log that contain <paramref name="text"/>.</summary>
    public int LogLinesContaining(string text)
    {
        lock (_log) _log.Flush();
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
            if (line.Contains(text, StringComparison.OrdinalIgnoreCase)) count++;
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    static string Locate()
    {
        var configuration = typeof(P21ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Payments.sln"))) continue;
            var path = Path.Combine(dir.FullName, "src", Project, "bin", configuration, framework, Project + ".dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build tests/Payments.Benchmarks -c {configuration}.");
        }
        throw new InvalidOperationException($"No Payments.sln above {AppContext.BaseDirectory}.");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
