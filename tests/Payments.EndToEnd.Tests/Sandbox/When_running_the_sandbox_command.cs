using Payments.Sandbox;
using Payments.Sandbox.Scenarios;
using Spectre.Console.Testing;

namespace Payments.EndToEnd.Tests.Sandbox;

/// <summary>The README's run command, in process: its command line, its scenarios, and its exit code.</summary>
public class When_running_the_sandbox_command
{
    string _data = null!;

    [SetUp]
    public void Folder() => _data = Path.Combine(Path.GetTempPath(), "payments-sandbox-cmd-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Clean()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await SandboxCommand.InvokeAsync(args, console, output, errors);
        return (exit, console.Output + output, errors.ToString());
    }

    [Test]
    public async Task Should_list_every_scenario_with_its_flow()
    {
        var (exit, output, _) = await RunAsync("--list");

        Assert.That(exit, Is.EqualTo(SandboxCommand.Completed));
        Assert.That(ScenarioCatalog.All, Is.Not.Empty);
        foreach (var scenario in ScenarioCatalog.All)
            Assert.That(output, Does.Contain(scenario.Name).And.Contain(scenario.Flow));
    }

    [Test]
    public async Task Should_refuse_an_unknown_scenario_as_a_usage_error()
    {
        var (exit, _, errors) = await RunAsync("--scenario", "no-such-scenario");

        Assert.That(exit, Is.EqualTo(SandboxCommand.Usage));
        Assert.That(errors, Does.Contain("no-such-scenario").And.Contain("charge-to-order"));
    }

    [Test]
    public async Task Should_refuse_a_stray_argument_as_a_usage_error()
    {
        var (exit, output, _) = await RunAsync("charge-to-order");

        Assert.That(exit, Is.EqualTo(SandboxCommand.Usage));
        Assert.That(output, Does.Contain("Unrecognized argument 'charge-to-order'"));
    }

    [Test]
    public async Task Should_play_every_scenario_and_exit_0_when_all_end_as_expected()
    {
        var (exit, output, errors) = await RunAsync("--data", _data);

        Assert.That(exit, Is.EqualTo(SandboxCommand.Completed), output + errors);
        foreach (var scenario in ScenarioCatalog.All)
            Assert.That(output, Does.Contain(scenario.Name));
        Assert.That(output, Does.Contain($"all {ScenarioCatalog.All.Count} scenario(s) completed as expected"));
    }

    [Test]
    public async Task Should_start_from_empty_databases_when_run_again_in_the_same_folder()
    {
        // The Znode order's shopper is linked to a Stripe customer in the first run; the second run's Stripe fake has never heard of it.
        var first = await RunAsync("--data", _data, "--scenario", "znode-order-to-cash");
        var again = await RunAsync("--data", _data, "--scenario", "znode-order-to-cash");

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(SandboxCommand.Completed), first.Output + first.Errors);
            Assert.That(again.ExitCode, Is.EqualTo(SandboxCommand.Completed), again.Output + again.Errors);
            Assert.That(again.Output, Does.Contain("Emptied the databases of an earlier run"));
            Assert.That(File.Exists(Path.Combine(_data, "sandbox.log")), "the log stays");
        });
    }

    [Test]
    public async Task Should_exit_1_when_a_scenario_does_not_end_as_expected()
    {
        // A wrong P21 password (passed through to the services): P21 refuses the credentials, the order is never posted.
        var (exit, output, errors) = await RunAsync("--data", _data, "--scenario", "charge-to-order", "--timeout", "20", "--P21:Password=wrong");

        Assert.That(exit, Is.EqualTo(SandboxCommand.NotCompleted), output + errors);
        Assert.That(output, Does.Contain("NOT as expected").And.Contain("1 of 1 scenario(s) did not complete as expected"));
    }
}
