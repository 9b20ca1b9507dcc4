using Microsoft.Extensions.Configuration;
using Payments.Cli;
using Spectre.Console.Testing;

namespace Payments.Integration.Tests.Messaging;

[TestFixture]
public class When_redriving_a_faulted_message : RetryPolicyFixture
{
    [Test]
    public async Task Should_list_it_then_move_it_back_to_its_queue_where_it_is_consumed_once()
    {
        await using var host = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        var script = NewScript(out var command);
        script.Permanent = true;
        await host.SendAsync(Queue, command);
        await Broker.WaitForCountAsync(ErrorQueue, 1, Within);
        var messageId = (await Broker.PeekAsync(ErrorQueue)).Single().GetProperty("properties").GetProperty("message_id").GetString()!;

        var (listed, listOutput, _) = await RunAsync("faults", "list", "--queue", Queue);
        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.Zero);
            Assert.That(listOutput, Does.Contain($"{ErrorQueue}: 1 message(s)"));
            Assert.That(listOutput, Does.Contain(messageId));
            Assert.That(listOutput, Does.Contain("ScriptedCommand"));
            Assert.That(listOutput, Does.Contain("Customer 10042 is on credit hold"));
            Assert.That(listOutput, Does.Contain("reason: permanent (P21)"));
        });

        script.Permanent = false; // the operator fixed the cause (P21 lifted the credit hold)
        var (redriven, redriveOutput, _) = await RunAsync("faults", "redrive", ErrorQueue, "--message-id", messageId);
        await script.Succeeded.Task.WaitAsync(Within);

        Assert.Multiple(async () =>
        {
            Assert.That(redriven, Is.Zero);
            Assert.That(redriveOutput, Does.Contain($"moved 1 message(s) from {ErrorQueue} to {Queue}"));
            Assert.That(script.Attempts, Is.EqualTo(2));
            Assert.That(script.Successes, Is.EqualTo(1));
            Assert.That(script.MessageIdAtSuccess?.ToString(), Is.EqualTo(messageId), "the MessageId is kept");
            Assert.That(script.RedeliveryCountAtSuccess, Is.Zero, "the fault and redelivery headers are gone");
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.Zero);
        });
    }

    [Test]
    public async Task Should_leave_other_messages_where_they_are()
    {
        await using var host = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        NewScript(out var first).Permanent = true;
        NewScript(out var second).Permanent = true;
        await host.SendAsync(Queue, first);
        await host.SendAsync(Queue, second);
        await Broker.WaitForCountAsync(ErrorQueue, 2, Within);

        var (status, _, error) = await RunAsync("faults", "redrive", ErrorQueue, "--message-id", Guid.NewGuid().ToString());

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(1));
            Assert.That(error, Does.Contain("no message with id"));
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_list_every_error_queue_and_redrive_all_of_one()
    {
        await using var host = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        var first = NewScript(out var firstCommand);
        var second = NewScript(out var secondCommand);
        first.Permanent = second.Permanent = true;
        await host.SendAsync(Queue, firstCommand);
        await host.SendAsync(Queue, secondCommand);
        await Broker.WaitForCountAsync(ErrorQueue, 2, Within);

        var (listed, listOutput, _) = await RunAsync("faults", "list", "--max", "0");
        Assert.That(listed, Is.Zero);
        Assert.That(listOutput, Does.Contain($"{ErrorQueue}: 2 message(s)"));

        first.Permanent = second.Permanent = false;
        var (redriven, redriveOutput, _) = await RunAsync("faults", "redrive", ErrorQueue, "--all");
        await Task.WhenAll(first.Succeeded.Task, second.Succeeded.Task).WaitAsync(Within);

        Assert.Multiple(async () =>
        {
            Assert.That(redriven, Is.Zero);
            Assert.That(redriveOutput, Does.Contain($"moved 2 message(s) from {ErrorQueue} to {Queue}; 0 left"));
            Assert.That(first.Successes + second.Successes, Is.EqualTo(2));
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.Zero);
        });
    }

    [Test]
    public async Task Should_show_a_redrive_of_all_as_progress_on_a_terminal()
    {
        await using var host = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        var first = NewScript(out var firstCommand);
        var second = NewScript(out var secondCommand);
        first.Permanent = second.Permanent = true;
        await host.SendAsync(Queue, firstCommand);
        await host.SendAsync(Queue, secondCommand);
        await Broker.WaitForCountAsync(ErrorQueue, 2, Within);

        first.Permanent = second.Permanent = false;
        var terminal = new TestConsole().Interactive().EmitAnsiSequences().Width(200);
        var error = new StringWriter();
        var status = await PaymentsCommand.RunAsync(["faults", "redrive", ErrorQueue, "--all"], new CliContext(Settings(), terminal, error));
        await Task.WhenAll(first.Succeeded.Task, second.Succeeded.Task).WaitAsync(Within);

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.Zero, error.ToString());
            Assert.That(terminal.Output, Does.Contain($"{ErrorQueue} → {Queue}"), "the progress task names both queues");
            Assert.That(terminal.Output, Does.Contain("100%"), "the bar ends full");
            Assert.That(terminal.Output, Does.Contain($"moved 2 message(s) from {ErrorQueue} to {Queue}; 0 left"));
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.Zero);
        });
    }

    [Test]
    public async Task Should_refuse_a_redrive_that_says_neither_which_message_nor_all()
    {
        var (status, _, error) = await RunAsync("faults", "redrive", ErrorQueue);

        Assert.That(status, Is.EqualTo(2));
        Assert.That(error, Does.Contain("exactly one of --message-id <id> or --all"));
    }

    async Task<(int Status, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = await PaymentsCommand.RunAsync(args, Settings(), output, error);
        return (status, output.ToString(), error.ToString());
    }

    /// <summary>What the command reads from the environment, pointing at this test's broker.</summary>
    IConfiguration Settings() => new ConfigurationBuilder().AddInMemoryCollection(Broker.BusConfiguration()).Build();
}
