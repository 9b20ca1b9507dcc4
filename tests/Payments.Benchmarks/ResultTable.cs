using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Payments.Benchmarks.Load;

namespace Payments.Benchmarks;

/// <summary>The figures as a Markdown table, readable in a terminal and pasteable into the README.</summary>
public static class ResultTable
{
    public static string Header(BenchmarkOptions options) =>
        $"""
        Gateway ingest: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {Configuration}
        {options.Events} operations per run in {options.Slices} slices alternating gateway and raw, after {options.Warmup} unmeasured; client and gateway share the machine; load average at start {LoadAverage()}.
        gateway = HTTP POST of a distinct signed charge.succeeded → 200 "published" (verify, map, insert event id, publish, commit)
        raw     = pooled connection, BEGIN, INSERT one row (text key, the same JSON body as text), COMMIT
        """;

    public static string Render(IEnumerable<DatabaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Database | In flight | Gateway /s | p50 ms | p95 ms | p99 ms | Raw insert /s | p50 ms | p95 ms | p99 ms | Gateway / raw |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var result in results)
        {
            foreach (var row in result.Rows)
                text.AppendLine(Invariant($"| {result.Database} | {row.Concurrency} | {Figures(row.Gateway)} | {Figures(row.Raw)} | {row.Ratio:0.00} |"));
        }
        foreach (var result in results)
        {
            var check = result.Check;
            text.Append(Invariant($"{result.Details}: {check.GatewayRows} webhook rows and {check.RawRows} raw rows of {check.Expected} expected"));
            if (check.Unaudited > 0)
                text.Append(Invariant($", {check.Unaudited} webhook rows WITHOUT their audit entry"));
            var failures = result.Rows.Sum(r => r.Gateway.Failures + r.Raw.Failures) + check.WarmupFailures;
            text.AppendLine(failures == 0 ? ", no failed request." : $", {failures} FAILED: {FirstFailure(result)}");
        }
        return text.ToString();
    }

    /// <summary>Other work on the machine moves the figures; say how busy it was (Linux only).</summary>
    internal static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    static string Figures(Measurement m) =>
        Invariant($"{m.PerSecond:0} | {m.Percentile(50):0.00} | {m.Percentile(95):0.00} | {m.Percentile(99):0.00}");

    static string? FirstFailure(DatabaseResult result) =>
        result.Rows.SelectMany(r => new[] { r.Gateway.FirstFailure, r.Raw.FirstFailure }).FirstOrDefault(f => f is not null);

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

#if DEBUG
    internal const string Configuration = "Debug build (figures not representative)";
#else
    internal const string Configuration = "Release";
#endif
}
