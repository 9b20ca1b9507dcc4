namespace Payments.Integration.Tests.Messaging;

/// <summary>The in-memory transport (the sandbox) keeps quick in-memory retries only; no broker needed.</summary>
[TestFixture]
public class When_the_sandbox_bus_fails_a_message
{
    static readonly Dictionary<string, string?> InMemory = new()
    {
        ["Bus:Transport"] = "InMemory",
        ["Bus:Retry:Immediate:0"] = "00:00:00.010",
        ["Bus:Retry:Immediate:1"] = "00:00:00.010",
    };

    static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Should_retry_a_transient_failure_in_memory_and_succeed()
    {
        await using var host = await ScriptedHost.StartAsync(InMemory, "sandbox-transient");
        var command = new ScriptedCommand(Guid.NewGuid());
        var script = ScriptedConsumer.Scripts[command.CorrelationId] = new Script { TransientFailures = 2 };

        await host.SendAsync("sandbox-transient", command);
        await script.Succeeded.Task.WaitAsync(Within);

        Assert.That(script.Attempts, Is.EqualTo(3));
    }

    [Test]
    public async Task Should_fault_a_transient_failure_once_the_in_memory_retries_are_spent()
    {
        await using var host = await ScriptedHost.StartAsync(InMemory, "sandbox-exhausted");
        var command = new ScriptedCommand(Guid.NewGuid());
        var script = ScriptedConsumer.Scripts[command.CorrelationId] = new Script { TransientFailures = int.MaxValue };

        await host.SendAsync("sandbox-exhausted", command);
        await script.Faulted.Task.WaitAsync(Within);

        Assert.That(script.Attempts, Is.EqualTo(3), "no redelivery stage without a broker");
    }

    [Test]
    public async Task Should_fault_a_permanent_failure_without_retrying()
    {
        await using var host = await ScriptedHost.StartAsync(InMemory, "sandbox-permanent");
        var command = new ScriptedCommand(Guid.NewGuid());
        var script = ScriptedConsumer.Scripts[command.CorrelationId] = new Script { Permanent = true };

        await host.SendAsync("sandbox-permanent", command);
        var fault = await script.Faulted.Task.WaitAsync(Within);

        Assert.That(script.Attempts, Is.EqualTo(1));
        Assert.That(fault.Exceptions[0].Message, Is.EqualTo("Customer 10042 is on credit hold"));
    }
}
