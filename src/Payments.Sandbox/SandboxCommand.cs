using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Payments.Sandbox.Scenarios;
using Spectre.Console;

namespace Payments.Sandbox;

/// <summary>
/// The sandbox's command line (System.CommandLine: help, validation, completion): play every scenario, one, or list
/// them; then exit, or keep serving with <c>--serve</c>. Anything it does not know (<c>--P21:Taker=JSMITH</c>) is
/// passed through to the services as configuration.
/// </summary>
public static class SandboxCommand
{
    public const int Completed = 0, NotCompleted = 1, Usage = 2;

    public static RootCommand Create(IAnsiConsole console)
    {
        var list = new Option<bool>("--list") { Description = "List the scenarios and exit." };
        var scenario = new Option<string[]>("--scenario")
        {
            Description = "Play only this scenario (repeatable). Default: every scenario.",
            HelpName = "name",
            AllowMultipleArgumentsPerToken = false,
        };
        scenario.AcceptOnlyFromAmong([.. ScenarioCatalog.All.Select(s => s.Name)]);
        var serve = new Option<bool>("--serve")
        {
            Description = $"Keep running afterwards with fixed addresses: operations console http://127.0.0.1:{SandboxOptions.ServeGatewayPort}/ (local admin printed), "
                          + $"gateway http://127.0.0.1:{SandboxOptions.ServeGatewayPort}/webhooks/stripe, "
                          + $"P21 simulator :{SandboxOptions.ServeP21Port}, Stripe fake :{SandboxOptions.ServeStripePort}.",
        };
        var noScenarios = new Option<bool>("--no-scenarios") { Description = "With --serve: play nothing first." };
        var port = new Option<int>("--port") { Description = "Gateway port (default: any free port; 5080 with --serve).", HelpName = "port" };
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Where the SQLite databases live, emptied at start as the simulators start empty (default: .data in the working directory).",
            HelpName = "dir",
        };
        var secret = new Option<string>("--webhook-secret")
        {
            Description = "The signing secret the gateway accepts, e.g. the one `stripe listen` prints.",
            HelpName = "whsec_…",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds one scenario may take.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 60,
        };
        timeout.Validators.Add(r => { if (r.GetValueOrDefault<int>() <= 0) r.AddError("--timeout must be a positive number of seconds"); });

        var root = new RootCommand(
            "Payments sandbox: gateway, sagas, P21 and Stripe services and their simulators in one process (in-memory bus, SQLite). "
            + "Plays the scenarios and exits 0 only when every one ended as expected. Any --Section:Key=Value is passed to the services.")
        {
            list, scenario, serve, noScenarios, port, data, secret, timeout,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(list))
            {
                console.Write(ScenarioList());
                return Completed;
            }
            var passThrough = parsed.UnmatchedTokens.ToList();
            if (passThrough.FirstOrDefault(t => !t.StartsWith("--", StringComparison.Ordinal) && !IsValueOfPrevious(passThrough, t)) is { } stray)
            {
                console.MarkupLineInterpolated($"[red]Unrecognized argument '{stray}'.[/] Settings take the form --Section:Key=Value; see --help.");
                return Usage;
            }

            var options = new SandboxOptions
            {
                GatewayPort = parsed.GetValue(port),
                DataDirectory = parsed.GetValue(data)?.FullName ?? Path.Combine(Environment.CurrentDirectory, ".data"),
                ScenarioTimeout = TimeSpan.FromSeconds(parsed.GetValue(timeout)),
                ConfigurationArgs = passThrough,
            };
            if (parsed.GetValue(secret) is { Length: > 0 } s) options = options with { WebhookSecret = s };
            if (parsed.GetValue(serve)) options = options.Serving();

            // The simulators start empty each run, so the databases do too: a link or a record kept from an earlier run would name a
            // Stripe customer or P21 order these simulators never had.
            if (ClearDatabases(options.DataDirectory) > 0)
                console.MarkupLineInterpolated($"[grey]Emptied the databases of an earlier run in {options.DataDirectory} (the simulators start empty too).[/]");

            var names = parsed.GetValue(scenario) ?? [];
            var scenarios = parsed.GetValue(noScenarios) ? [] :
                names.Length == 0 ? ScenarioCatalog.All : [.. names.Select(n => ScenarioCatalog.Find(n)!)];
            return await RunAsync(options, scenarios, console, cancellationToken);
        });
        return root;
    }

    public static async Task<int> RunAsync(SandboxOptions options, IReadOnlyList<ISandboxScenario> scenarios, IAnsiConsole console, CancellationToken cancellationToken)
    {
        await using var sandbox = await SandboxHost.StartAsync(options, cancellationToken: cancellationToken);
        var results = await new ScenarioRunner(sandbox, console).RunAsync(scenarios, cancellationToken);
        if (options.Serve)
        {
            console.Write(Addresses(sandbox));
            console.MarkupLine("Serving. Ctrl+C stops.");
            await sandbox.WaitForShutdownAsync();
        }
        return results.All(r => r.AsExpected) ? Completed : NotCompleted;
    }

    /// <summary>Parses and runs <paramref name="args"/>; usage errors print the error and the help, and give <see cref="Usage"/>.</summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole console, TextWriter? output = null, TextWriter? error = null)
    {
        var parsed = Create(console).Parse(args);
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        if (parsed.Action is ParseErrorAction)
        {
            await parsed.InvokeAsync(new InvocationConfiguration { Output = configuration.Error, Error = configuration.Error });
            return Usage;
        }
        return await parsed.InvokeAsync(configuration);
    }

    /// <summary>Deletes the SQLite files (and their journals) in <paramref name="directory"/>; reports and the log stay. Returns how many.</summary>
    public static int ClearDatabases(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        // A pooled connection of an earlier run in this process would still write to the deleted file.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = new[] { "*.sqlite", "*.sqlite-wal", "*.sqlite-shm", "*.sqlite-journal" }.SelectMany(p => Directory.EnumerateFiles(directory, p)).ToList();
        foreach (var file in files)
            File.Delete(file);
        return files.Count;
    }

    static bool IsValueOfPrevious(List<string> tokens, string token)
    {
        // "--P21:Taker JSMITH": a value following a setting without '='.
        var index = tokens.IndexOf(token);
        return index > 0 && tokens[index - 1].StartsWith("--", StringComparison.Ordinal) && !tokens[index - 1].Contains('=');
    }

    static Table ScenarioList()
    {
        var table = new Table().AddColumns("Scenario", "Flow", "What happens");
        foreach (var s in ScenarioCatalog.All)
            table.AddRow(new Text(s.Name), new Text(s.Flow), new Text(s.Description));
        return table;
    }

    static Table Addresses(SandboxHost sandbox)
    {
        var table = new Table().AddColumns("What", "Address");
        table.AddRow("Operations console", sandbox.ConsoleUrl);
        table.AddRow("Console log-in (local admin)", $"{SandboxOptions.ConsoleUser} / {sandbox.Options.ConsolePassword}");
        table.AddRow("Gateway (post Stripe events here)", sandbox.WebhookUrl);
        table.AddRow("Webhook signing secret", sandbox.Options.WebhookSecret);
        table.AddRow("Health", sandbox.GatewayUrl + "/health");
        table.AddRow("P21 simulator", sandbox.P21.BaseUrl);
        table.AddRow("P21 simulator control (faults, orders, seed)", sandbox.P21.ControlUrl);
        table.AddRow("Stripe fake (Stripe:ApiBase)", sandbox.Stripe.ApiBase);
        table.AddRow("Stripe fake control (objects, events, faults)", sandbox.Stripe.ControlUrl);
        table.AddRow("Znode simulator (Znode:BaseUrl)", sandbox.Znode.BaseUrl);
        table.AddRow("Znode simulator control (orders, changes, 429 mode)", sandbox.Znode.ControlUrl);
        table.AddRow("Znode webhook (signed with the webhook secret)", sandbox.ZnodeWebhookUrl);
        table.AddRow("SMTP catcher (shoppers' mail)", $"{sandbox.Mail.Host}:{sandbox.Mail.Port}");
        table.AddRow("Caught mail, newest first", sandbox.MailUrl);
        table.AddRow("SQLite databases", sandbox.Options.DataDirectory);
        table.AddRow("Services' log (also on this console)", sandbox.LogFile);
        return table;
    }
}
