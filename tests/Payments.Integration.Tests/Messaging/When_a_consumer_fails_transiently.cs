namespace Payments.Integration.Tests.Messaging;

[TestFixture]
public class When_a_consumer_fails_transiently : RetryPolicyFixture
{
    [Test]
    public async Task Should_retry_in_memory_then_redeliver_through_a_wait_queue_and_succeed()
    {
        await using var host = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        var script = NewScript(out var command);
        script.TransientFailures = 4; // three attempts in memory, a redelivery after 1 s fails once more, the next attempt passes

        await host.SendAsync(Queue, command);
        await script.Succeeded.Task.WaitAsync(Within);

        Assert.Multiple(async () =>
        {
            Assert.That(script.Attempts, Is.EqualTo(5));
            Assert.That(script.Successes, Is.EqualTo(1));
            Assert.That(script.RedeliveryCountAtSuccess, Is.EqualTo(1), "one trip through the wait queue");
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.Zero);
        });

        var waitQueue = await Broker.QueueAsync("payments-wait-1s");
        var arguments = waitQueue.GetProperty("arguments");
        Assert.Multiple(() =>
        {
            Assert.That(arguments.GetProperty("x-message-ttl").GetInt64(), Is.EqualTo(1000));
            Assert.That(arguments.GetProperty("x-dead-letter-exchange").GetString(), Is.Empty, "back through the default exchange");
        });
    }

    [Test]
    public async Task Should_keep_a_waiting_message_across_a_restart_of_the_consumer()
    {
        var script = NewScript(out var command);
        script.TransientFailures = 3; // every in-memory attempt fails: the message goes to the wait queue

        await using (var first = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries))
        {
            await first.SendAsync(Queue, command);
            await Broker.WaitForCountAsync("payments-wait-1s", 1, Within);
        } // the service stops while its message waits in the broker

        Assert.That(script.Attempts, Is.EqualTo(3));

        await using var second = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        await script.Succeeded.Task.WaitAsync(Within);
        Assert.Multiple(() =>
        {
            Assert.That(script.Attempts, Is.EqualTo(4));
            Assert.That(script.RedeliveryCountAtSuccess, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_fault_to_the_error_queue_once_every_redelivery_is_spent()
    {
        await using var host = await ScriptedHost.StartAsync(Broker, Queue, ShortRetries);
        var script = NewScript(out var command);
        script.TransientFailures = int.MaxValue;

        await host.SendAsync(Queue, command);
        await script.Faulted.Task.WaitAsync(Within);
        await Broker.WaitForCountAsync(ErrorQueue, 1, Within);

        Assert.That(script.Attempts, Is.EqualTo(9), "three attempts on each of the three deliveries (first, after 1 s, after 2 s)");
        var headers = (await Broker.PeekAsync(ErrorQueue)).Single().GetProperty("properties").GetProperty("headers");
        Assert.Multiple(() =>
        {
            Assert.That(headers.GetProperty("Payments-Failure-Kind").GetString(), Is.EqualTo("transient"));
            Assert.That(headers.GetProperty("MT-Redelivery-Count").GetInt32(), Is.EqualTo(2));
            Assert.That(headers.GetProperty("MT-Fault-ExceptionType").GetString(), Does.EndWith("TransientFailureException"));
        });
    }
}
