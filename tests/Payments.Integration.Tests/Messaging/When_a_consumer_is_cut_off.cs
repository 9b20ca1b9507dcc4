using System.Collections.Concurrent;
using MassTransit;

namespace Payments.Integration.Tests.Messaging;

/// <summary>
/// A consumer waiting on an outside call when its service stops or its broker connection drops is canceled through the consume
/// context's token, while the call itself (HttpClient, Refit, Stripe.net) throws with a linked token of its own, which MassTransit
/// turns into a ConsumerCanceledException. With the services' retry and fault policy the message must still go back to its queue and
/// be handled again, never into <c>_error</c>: the chaos suite's "nothing left in _error" on the real broker, one consumer at a time.
/// </summary>
[TestFixture]
public class When_a_consumer_is_cut_off : RetryPolicyFixture
{
    [Test]
    public async Task Should_hand_the_message_back_when_its_service_stops()
    {
        var command = new ScriptedCommand(NewId.NextGuid());
        var call = CallingConsumer.Calls[command.CorrelationId] = new OutsideCall();
        var host = await StartAsync();
        try
        {
            await host.SendAsync(Queue, command);
            await call.Started.Task.WaitAsync(Within);
        }
        finally
        {
            // ConsumerStopTimeout (below) cancels the waiting consumer's token shortly after the stop begins.
            await host.DisposeAsync();
        }

        var thrown = await call.Ended.Task.WaitAsync(Within);
        Assert.Multiple(async () =>
        {
            Assert.That(thrown, Is.InstanceOf<OperationCanceledException>(), "the call ends in a cancellation");
            Assert.That(((OperationCanceledException)thrown).CancellationToken, Is.Not.EqualTo(call.ContextToken),
                "the call's cancellation carries a token of its own, as HttpClient's does");
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.Zero, "the message was faulted into _error");
            Assert.That(await Broker.CountAsync(Queue), Is.EqualTo(1), "the message is back in its queue, to be handled again");
        });
    }

    [Test]
    public async Task Should_hand_the_message_back_when_the_broker_connection_drops()
    {
        var command = new ScriptedCommand(NewId.NextGuid());
        var call = CallingConsumer.Calls[command.CorrelationId] = new OutsideCall { CompleteOnRetry = true };
        await using var host = await StartAsync();
        await host.SendAsync(Queue, command);
        await call.Started.Task.WaitAsync(Within);

        Assert.That(await Broker.DropClientConnectionsAsync(Within), Is.GreaterThan(0), "connections dropped");
        var thrown = await call.Ended.Task.WaitAsync(Within);
        // The broker hands the unacknowledged message out again once the service has reconnected; this time the call answers.
        await call.Completed.Task.WaitAsync(Within);

        Assert.Multiple(async () =>
        {
            Assert.That(thrown, Is.InstanceOf<OperationCanceledException>(), "the cut-off call ends in a cancellation");
            Assert.That(call.Attempts, Is.EqualTo(2), "handled again after the reconnection");
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.Zero, "a copy of the message was faulted into _error");
        });
    }

    /// <summary>The services' bus with the calling consumer on the test's queue; a stop cancels a consumer still at work after 300 ms.</summary>
    Task<ScriptedHost> StartAsync() =>
        ScriptedHost.StartAsync(Broker.BusConfiguration(ShortRetries), bus => bus.AddConsumer<CallingConsumer>().Endpoint(e => e.Name = Queue),
            o => o.ConsumerStopTimeout = TimeSpan.FromMilliseconds(300));

    sealed class OutsideCall
    {
        public bool CompleteOnRetry;
        public int Attempts;
        public CancellationToken ContextToken;
        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<Exception> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Waits on an outside call that links the consume context's token with its own, as HttpClient does with its time-out.</summary>
    sealed class CallingConsumer : IConsumer<ScriptedCommand>
    {
        public static readonly ConcurrentDictionary<Guid, OutsideCall> Calls = new();

        public async Task Consume(ConsumeContext<ScriptedCommand> context)
        {
            var call = Calls[context.Message.CorrelationId];
            if (Interlocked.Increment(ref call.Attempts) > 1 && call.CompleteOnRetry)
            {
                call.Completed.TrySetResult();
                return;
            }
            call.ContextToken = context.CancellationToken;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            linked.CancelAfter(TimeSpan.FromMinutes(5));
            call.Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }
            catch (Exception e)
            {
                call.Ended.TrySetResult(e);
                throw;
            }
        }
    }
}
