using MassTransit;

namespace Payments.Integration.Tests.Messaging;

/// <summary>Per test: the broker, a fresh queue name, short retry intervals, and cleanup of the queues the test made.</summary>
public abstract class RetryPolicyFixture
{
    protected static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    /// <summary>Two quick retries (three attempts a delivery), then redelivery after 1 s and 2 s: the policy's shape in seconds.</summary>
    protected static readonly (string, string)[] ShortRetries =
    [
        ("Bus:Retry:Immediate:0", "00:00:00.050"),
        ("Bus:Retry:Immediate:1", "00:00:00.050"),
        ("Bus:Retry:Redelivery:0", "00:00:01"),
        ("Bus:Retry:Redelivery:1", "00:00:02"),
    ];

    protected Broker Broker = null!;
    protected string Queue = null!;
    protected string ErrorQueue => Queue + "_error";

    [SetUp]
    public async Task ConnectAsync()
    {
        Broker = await Broker.ConnectOrIgnoreAsync();
        Queue = $"scripted-{Guid.NewGuid():N}"[..20];
    }

    [TearDown]
    public async Task CleanUpAsync()
    {
        if (Broker == null)
            return;
        await Broker.DeleteQueuesAsync(Queue, ErrorQueue, Queue + "-faults", Queue + "-faults_error");
        await Broker.DisposeAsync();
    }

    protected static Script NewScript(out ScriptedCommand command)
    {
        command = new ScriptedCommand(NewId.NextGuid());
        var script = new Script();
        ScriptedConsumer.Scripts[command.CorrelationId] = script;
        return script;
    }
}
