namespace Payments.Integration.Tests.Messaging;

[TestFixture]
public class When_queues_are_quorum_queues : RetryPolicyFixture
{
    string _virtualHost = null!;

    [SetUp]
    public async Task CreateVirtualHostAsync()
    {
        // Its own virtual host: "/" already has classic wait queues of the same names, and a queue's type cannot change.
        _virtualHost = $"payments-quorum-{Guid.NewGuid():N}"[..24];
        await Broker.CreateVirtualHostAsync(_virtualHost);
    }

    [TearDown]
    public async Task DeleteVirtualHostAsync() => await Broker.DeleteVirtualHostAsync(_virtualHost);

    [Test]
    public async Task Should_use_quorum_queues_and_redeliver_through_a_quorum_wait_queue_that_dead_letters_at_least_once()
    {
        await using var host = await ScriptedHost.StartAsync(Broker, Queue,
        [
            .. ShortRetries,
            ("Bus:RabbitMq:VirtualHost", _virtualHost),
            ("Bus:RabbitMq:QueueType", "Quorum"),
        ]);
        var script = NewScript(out var command);
        script.TransientFailures = 3; // the three in-memory attempts fail; the redelivery succeeds

        await host.SendAsync(Queue, command);
        await script.Succeeded.Task.WaitAsync(Within);

        Assert.That(script.Attempts, Is.EqualTo(4));
        Assert.That(script.RedeliveryCountAtSuccess, Is.EqualTo(1));

        var refused = NewScript(out var refusedCommand);
        refused.Permanent = true; // creates the error queue, which copies the endpoint queue's type
        await host.SendAsync(Queue, refusedCommand);
        await refused.Faulted.Task.WaitAsync(Within);

        var arguments = (await Broker.QueueAsync(_virtualHost, "payments-wait-1s")).GetProperty("arguments");
        var consumerQueue = await Broker.QueueAsync(_virtualHost, Queue);
        var errorQueue = await Broker.QueueAsync(_virtualHost, ErrorQueue);
        Assert.Multiple(() =>
        {
            Assert.That(arguments.GetProperty("x-queue-type").GetString(), Is.EqualTo("quorum"));
            Assert.That(arguments.GetProperty("x-dead-letter-strategy").GetString(), Is.EqualTo("at-least-once"));
            Assert.That(consumerQueue.GetProperty("type").GetString(), Is.EqualTo("quorum"));
            Assert.That(errorQueue.GetProperty("type").GetString(), Is.EqualTo("quorum"));
        });
    }
}
