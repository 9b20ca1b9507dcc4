using System.Diagnostics;
using Spectre.Console;

namespace Payments.Sandbox.Scenarios;

/// <summary>Plays scenarios one after the other on one sandbox, prints each report and a summary table.</summary>
public sealed class ScenarioRunner(SandboxHost sandbox, IAnsiConsole console)
{
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(IEnumerable<ISandboxScenario> scenarios, CancellationToken cancellationToken)
    {
        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            console.Write(new Rule($"[bold]{Markup.Escape(scenario.Name)}[/] [grey]({Markup.Escape(scenario.Flow)})[/]").LeftJustified());
            var result = await RunOneAsync(scenario, cancellationToken);
            console.WriteLine(result.Report);
            console.MarkupLine(result.AsExpected
                ? $"[green]As expected[/]: {Markup.Escape(result.Actual)}"
                : $"[red]NOT as expected[/]: expected {Markup.Escape(result.Expected)}; got {Markup.Escape(result.Actual)}");
            console.WriteLine();
            results.Add(result);
        }
        console.Write(Summary(results));
        console.MarkupLineInterpolated($"[grey]The services' log: {sandbox.LogFile}[/]");
        var failed = results.Count(r => !r.AsExpected);
        console.MarkupLine(failed == 0
            ? $"[green]Result: all {results.Count} scenario(s) completed as expected[/]"
            : $"[red]Result: {failed} of {results.Count} scenario(s) did not complete as expected[/]");
        return results;
    }

    async Task<ScenarioResult> RunOneAsync(ISandboxScenario scenario, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(sandbox.Options.ScenarioTimeout);
        try
        {
            var result = await scenario.RunAsync(sandbox, timeout.Token);
            return result with { Elapsed = started.Elapsed };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var what = e is OperationCanceledException ? $"no result within {sandbox.Options.ScenarioTimeout.TotalSeconds:0} s" : $"{e.GetType().Name}: {e.Message}";
            return new ScenarioResult
            {
                Scenario = scenario.Name,
                Flow = scenario.Flow,
                AsExpected = false,
                Expected = scenario.Description,
                Actual = what,
                Report = e.ToString(),
                Elapsed = started.Elapsed,
            };
        }
    }

    static Table Summary(IEnumerable<ScenarioResult> results)
    {
        var table = new Table().AddColumns("Scenario", "Flow", "Outcome", "As expected", "Seconds");
        foreach (var r in results)
            table.AddRow(
                new Text(r.Scenario),
                new Text(r.Flow),
                new Text(r.Actual),
                new Markup(r.AsExpected ? "[green]yes[/]" : "[red]no[/]"),
                new Text(r.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
        return table;
    }
}
