using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Payments.Benchmarks.EndToEnd.Measuring;

/// <summary>
/// CPU time of a server process tree from /proc: the process listening on a TCP port (found with <c>ss -ltnp</c>), its live children
/// (PostgreSQL's backends) and the children it already reaped (cutime/cstime). Null where /proc or ss cannot tell.
/// </summary>
public sealed partial class ServerProcesses(string name, int pid)
{
    static readonly double TicksPerSecond = ClockTicks();

    public string Name { get; } = name;
    public int Pid { get; } = pid;

    public static ServerProcesses? Listening(string name, int port)
    {
        try
        {
            using var ss = Process.Start(new ProcessStartInfo("ss", ["-ltnpH", $"sport = :{port}"]) { RedirectStandardOutput = true })!;
            var output = ss.StandardOutput.ReadToEnd();
            ss.WaitForExit();
            var match = PidPattern().Match(output);
            return match.Success ? new ServerProcesses(name, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>User + system CPU of the process, its live children and its reaped children.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            double ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } stat)
                    continue;
                if (pid == Pid)
                    ticks += stat.UTime + stat.STime + stat.CUTime + stat.CSTime;
                else if (stat.PPid == Pid)
                    ticks += stat.UTime + stat.STime;
            }
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
    }

    /// <summary>
    /// User + system CPU so far of each live child whose process title names one of <paramref name="databases"/>: PostgreSQL's
    /// backends (titled <c>postgres: user database host(port) activity</c>) serving those databases, by process id. The server's shared
    /// work (checkpointer, WAL writer, autovacuum) is not in it. <see cref="SessionsCpuSince"/> turns two of these into a window's use.
    /// </summary>
    public Dictionary<int, long> SessionsCpu(IReadOnlySet<string> databases)
    {
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } stat || stat.PPid != Pid)
                continue;
            string title;
            try { title = File.ReadAllText($"/proc/{pid}/cmdline"); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var words = title.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 3 && words[0] == "postgres:" && databases.Contains(words[2]))
                ticks[pid] = stat.UTime + stat.STime;
        }
        return ticks;
    }

    /// <summary>
    /// The CPU the sessions alive at the end of a window used within it: a session's use since the start (all of it for one that began
    /// within the window). One that ended within the window is missing (its use went to the server's reaped total, which is not by
    /// database); taking a vanished session's whole history off instead made the figure negative when a long-lived pooled session
    /// (the history seeding's) closed mid-window.
    /// </summary>
    public static TimeSpan SessionsCpuSince(Dictionary<int, long> start, Dictionary<int, long> end) =>
        TimeSpan.FromSeconds(end.Sum(e => Math.Max(0, e.Value - start.GetValueOrDefault(e.Key))) / TicksPerSecond);

    record struct ProcStat(int PPid, long UTime, long STime, long CUTime, long CSTime);

    static ProcStat? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // Fields after the command's closing parenthesis: state ppid … utime(14) stime(15) cutime(16) cstime(17).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long F(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)F(4), F(14), F(15), F(16), F(17));
    }

    static double ClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true })!;
            return double.Parse(getconf.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex PidPattern();
}
