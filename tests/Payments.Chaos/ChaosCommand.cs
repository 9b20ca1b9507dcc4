using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Payments.Chaos;

/// <summary>The command line: <c>--short</c> for the test command's form, otherwise the full form (1,000 flows) with its options.</summary>
public static class ChaosCommand
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var full = new ChaosOptions();
        var isShort = new Option<bool>("--short") { Description = "80 flows, one fault of each kind, about three minutes: the form the test command runs." };
        var flows = new Option<int>("--flows") { Description = "Charge-to-order flows to run.", DefaultValueFactory = _ => full.Flows };
        var rate = new Option<double>("--rate") { Description = "Flows started per second.", DefaultValueFactory = _ => full.Rate };
        var replicas = new Option<int>("--replicas") { Description = "Processes of each service.", DefaultValueFactory = _ => full.Replicas };
        var duration = new Option<int>("--duration") { Description = "Seconds during which a random service process is killed every --kill-every seconds.", DefaultValueFactory = _ => (int)full.Duration.TotalSeconds };
        var killEvery = new Option<int>("--kill-every") { Description = "Seconds between kills.", DefaultValueFactory = _ => (int)full.KillEvery.TotalSeconds };
        var p21Down = new Option<int>("--p21-down") { Description = "Seconds P21 answers 503 to everything.", DefaultValueFactory = _ => (int)full.P21DownFor.TotalSeconds };
        var deadline = new Option<int>("--deadline") { Description = "Minutes the run may take in all (start-up excluded); it stops itself then.", DefaultValueFactory = _ => (int)full.Deadline.TotalMinutes };
        var seed = new Option<int?>("--seed") { Description = "Seed of the random choice of the process to kill." };
        foreach (var option in new Option<int>[] { flows, replicas, duration, killEvery, p21Down, deadline })
            option.Validators.Add(r => { if (r.GetValueOrDefault<int>() <= 0) r.AddError($"{r.Option.Name} must be positive"); });

        var root = new RootCommand(
            "Payments chaos suite: its own RabbitMQ and PostgreSQL, every service as processes (replicas), the simulators in process; kills "
            + "services, restarts the broker and the database and takes P21 down while charge-to-order flows run, then checks that every "
            + "flow completed once. Exits 1 on a lost or doubled flow, a message left in a queue, or a run not settled by its deadline.")
        {
            isShort, flows, rate, replicas, duration, killEvery, p21Down, deadline, seed,
        };
        root.SetAction(async (parsed, _) =>
        {
            var chosenSeed = parsed.GetValue(seed) ?? Environment.TickCount;
            var options = parsed.GetValue(isShort)
                ? ChaosOptions.Short(chosenSeed) with { Replicas = parsed.GetValue(replicas) }
                : full with
                {
                    Flows = parsed.GetValue(flows),
                    Rate = parsed.GetValue(rate),
                    Replicas = parsed.GetValue(replicas),
                    Duration = TimeSpan.FromSeconds(parsed.GetValue(duration)),
                    KillEvery = TimeSpan.FromSeconds(parsed.GetValue(killEvery)),
                    P21DownFor = TimeSpan.FromSeconds(parsed.GetValue(p21Down)),
                    Deadline = TimeSpan.FromMinutes(parsed.GetValue(deadline)),
                    Seed = chosenSeed,
                };
            var result = await new ChaosRun(options, line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]")).RunAsync();
            AnsiConsole.Write(Render(result));
            AnsiConsole.MarkupLine(result.Passed ? "[green]PASSED[/]: every flow completed, none lost, none doubled"
                : $"[red]FAILED[/] (service logs in {Markup.Escape(result.LogDirectory)})");
            return result.Passed ? 0 : 1;
        });
        return await root.Parse(args).InvokeAsync();
    }

    static Table Render(ChaosResult result)
    {
        var table = new Table().Title("Chaos run").AddColumn("What").AddColumn(new TableColumn("Value").RightAligned());
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            var faults = result.Faults.Where(f => f.Kind == kind).ToList();
            var problems = faults.Count(f => f.Problem is not null);
            table.AddRow($"faults: {kind}", faults.Count + (problems > 0 ? $" ({problems} not healthy in time)" : ""));
        }
        table.AddRow("flows", Number(result.Flows));
        table.AddRow("webhooks accepted (after retries)", Number(result.Accepted));
        table.AddRow("webhook deliveries refused or failed (retried)", Number(result.FailedDeliveries));
        table.AddRow("completed (P21 order present)", Number(result.Completed));
        table.AddRow("FlowCompleted observed", Number(result.FlowCompletedSeen));
        table.AddRow("lost", Mark(result.Lost));
        table.AddRow("doubled (two P21 orders for a charge)", Mark(result.Doubled));
        table.AddRow("left in queues (_error included)", result.LeftInQueues.Count == 0 ? "[green]none[/]" : $"[red]{Markup.Escape(string.Join(", ", result.LeftInQueues))}[/]");
        table.AddRow("time to recover after the last fault",
            result.Recovered is { } recovered ? $"{Math.Max(0, recovered.TotalSeconds):F1} s" : "[red]not settled by the deadline[/]");
        return table;
    }

    static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    static string Mark(int n) => n == 0 ? "[green]0[/]" : $"[red]{Number(n)}[/]";
}
