using System.Diagnostics;
using Payments.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Payments.Benchmarks.EndToEnd.Ceilings;

/// <summary>
/// What the broker does without any framework: RabbitMQ.Client persistent publishes to a durable queue, each awaited until the
/// broker confirms it, with <c>inFlight</c> publishers at once, and a consumer acknowledging each delivery. Messages per second
/// from the first publish to the last acknowledged delivery.
/// </summary>
public static class RawRabbitCeiling
{
    /// <summary>A body about the size of a MassTransit envelope of a small message.</summary>
    static readonly byte[] Body = new byte[900];

    public static async Task<double> MeasureAsync(RabbitMqOptions broker, int messages, int inFlight)
    {
        var factory = new ConnectionFactory
        {
            HostName = broker.Host, Port = broker.Port, VirtualHost = broker.VirtualHost, UserName = broker.Username, Password = broker.Password,
            ClientProvidedName = "payments-bench-raw",
        };
        await using var publishing = await factory.CreateConnectionAsync();
        await using var consuming = await factory.CreateConnectionAsync();
        var queue = $"bench-raw-{inFlight}";
        await using var consumerChannel = await consuming.CreateChannelAsync();
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumerChannel.BasicQosAsync(0, 64, false);

        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == messages)
                done.TrySetResult();
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        // A channel per publisher, each awaiting its broker confirm as MassTransit's send does.
        var channels = new List<IChannel>();
        for (var i = 0; i < inFlight; i++)
            channels.Add(await publishing.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
                publisherConfirmationTrackingEnabled: true)));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(channels.Select(async channel =>
        {
            while (Interlocked.Increment(ref next) < messages)
                await channel.BasicPublishAsync("", queue, mandatory: false, properties, Body);
        }));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        clock.Stop();
        foreach (var channel in channels)
            await channel.DisposeAsync();
        await consumerChannel.QueueDeleteAsync(queue);
        return messages / clock.Elapsed.TotalSeconds;
    }
}
