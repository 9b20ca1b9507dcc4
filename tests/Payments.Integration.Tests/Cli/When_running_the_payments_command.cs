using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Payments.Integration.Tests.Flows;

namespace Payments.Integration.Tests.Cli;

/// <summary>
/// The <c>payments</c> command as an operator runs it: its build output in a process of its own, its exit code, stdout and stderr.
/// Help and usage errors need no broker; the broker failure points it at a closed port.
/// </summary>
[TestFixture]
public class When_running_the_payments_command
{
    [Test]
    public async Task Should_print_its_help_on_stdout_and_exit_0()
    {
        var run = await RunAsync([], "--help");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            Assert.That(run.Output, Does.Contain("Usage:").And.Contain("payments [command] [options]"));
            Assert.That(run.Output, Does.Contain("faults").And.Contain("Inspects and redrives the _error queues"));
            Assert.That(run.Output, Does.Contain("Exit codes: 0 done, 1 nothing matched or a system failed, 2 usage"));
            Assert.That(run.Error, Is.Empty);
        });
    }

    [Test]
    public async Task Should_show_a_commands_arguments_and_options_in_its_help()
    {
        var run = await RunAsync([], "faults", "redrive", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            Assert.That(run.Output, Does.Contain("payments faults redrive <error-queue> [options]"));
            Assert.That(run.Output, Does.Contain("--message-id <id>").And.Contain("--all"));
        });
    }

    [Test]
    public async Task Should_exit_2_with_the_error_and_the_commands_usage_on_stderr_when_a_redrive_names_neither_a_message_nor_all()
    {
        var run = await RunAsync([], "faults", "redrive", "post-p21-order_error");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("redrive needs exactly one of --message-id <id> or --all"));
            Assert.That(run.Error, Does.Contain("Usage:").And.Contain("payments faults redrive <error-queue> [options]"));
            Assert.That(run.Output, Is.Empty, "stdout holds results only");
        });
    }

    [TestCase(new string[0], "Required command was not provided.", TestName = "Should_exit_2_without_a_command")]
    [TestCase(new[] { "faults", "lst" }, "list", TestName = "Should_exit_2_and_suggest_the_command_a_typo_meant")]
    [TestCase(new[] { "faults", "list", "--max", "many" }, "--max needs a whole number, 0 or more (not 'many')", TestName = "Should_exit_2_on_a_count_that_is_not_a_number")]
    [TestCase(new[] { "faults", "redrive", "post-p21-order", "--all" }, "'post-p21-order' is not an error queue", TestName = "Should_exit_2_on_a_redrive_of_a_queue_that_is_not_an_error_queue")]
    [TestCase(new[] { "faults", "list", "--queue" }, "--queue", TestName = "Should_exit_2_on_an_option_without_its_value")]
    public async Task Should_exit_2_with_a_helpful_error(string[] args, string expected)
    {
        var run = await RunAsync([], args);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
            Assert.That(run.Error, Does.Contain(expected));
            Assert.That(run.Error, Does.Contain("Usage:"));
        });
    }

    [Test]
    public async Task Should_exit_1_with_one_line_naming_the_broker_when_it_cannot_be_reached()
    {
        var port = ClosedPort();
        var run = await RunAsync(
            [
                ("Bus__RabbitMq__Host", "127.0.0.1"),
                ("Bus__RabbitMq__Port", port.ToString()),
                ("Bus__RabbitMq__ManagementUri", $"http://127.0.0.1:{port}"),
            ],
            "faults", "list");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error, Does.StartWith($"payments: RabbitMQ at 127.0.0.1:{port} (management http://127.0.0.1:{port}): "));
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
        });
    }

    static async Task<(int ExitCode, string Output, string Error)> RunAsync((string Key, string Value)[] environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutput.Locate("Payments.Cli", "payments.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A loopback port that was free a moment ago and that nothing listens on.</summary>
    static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
