using System.Globalization;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// Delayed redelivery on plain RabbitMQ (no delayed-message-exchange plugin): one durable wait queue per delay, shared by every
/// endpoint. A message is published to the wait queue's fanout exchange with the routing key of the queue it came from; the queue's
/// <c>x-message-ttl</c> holds it, then RabbitMQ dead-letters it to the default exchange with that same routing key, which delivers
/// it straight back to its own queue. All messages in one wait queue share one TTL, so they expire in order (no head-of-line stall).
/// </summary>
public sealed class WaitQueues(BusOptions bus, RetryOptions retry, ILogger<WaitQueues> logger)
{
    const string Prefix = "payments-wait-";
    readonly SemaphoreSlim _declareLock = new(1, 1);
    volatile bool _declared;

    /// <summary>The delays that have a wait queue, shortest first.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; } = retry.Redelivery.Distinct().Order().ToArray();

    /// <summary>The wait queue (and its exchange) for a delay: the shortest one that waits at least that long, else the longest.</summary>
    public string NameFor(TimeSpan delay)
    {
        var chosen = Delays.FirstOrDefault(d => d >= delay, Delays[^1]);
        return Prefix + Label(chosen);
    }

    /// <summary>"payments-wait-90s", "payments-wait-15m", "payments-wait-1h", "payments-wait-250ms".</summary>
    public static string Label(TimeSpan delay)
    {
        var ms = (long)delay.TotalMilliseconds;
        if (ms % 3_600_000 == 0) return (ms / 3_600_000).ToString(CultureInfo.InvariantCulture) + "h";
        if (ms % 60_000 == 0) return (ms / 60_000).ToString(CultureInfo.InvariantCulture) + "m";
        if (ms % 1_000 == 0) return (ms / 1_000).ToString(CultureInfo.InvariantCulture) + "s";
        return ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    /// <summary>Declares every wait queue once per process (idempotent on the broker). Called at start-up and before each redelivery.</summary>
    public async Task EnsureDeclaredAsync(CancellationToken cancellationToken)
    {
        if (_declared)
            return;
        await _declareLock.WaitAsync(cancellationToken);
        try
        {
            if (_declared)
                return;
            var rabbit = bus.RabbitMq;
            var factory = new ConnectionFactory
            {
                HostName = rabbit.Host,
                Port = rabbit.Port,
                VirtualHost = rabbit.VirtualHost,
                UserName = rabbit.Username,
                Password = rabbit.Password,
                ClientProvidedName = "payments-wait-queues",
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            foreach (var delay in Delays)
            {
                var name = Prefix + Label(delay);
                await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
                await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, QueueArguments(delay),
                    cancellationToken: cancellationToken);
                await channel.QueueBindAsync(name, name, routingKey: "", cancellationToken: cancellationToken);
            }
            _declared = true;
            logger.LogInformation("Redelivery wait queues ready: {WaitQueues}", string.Join(", ", Delays.Select(d => Prefix + Label(d))));
        }
        finally
        {
            _declareLock.Release();
        }
    }

    Dictionary<string, object?> QueueArguments(TimeSpan delay)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = (long)delay.TotalMilliseconds,
            ["x-dead-letter-exchange"] = "", // the default exchange: routes by the message's own routing key, the source queue's name
        };
        if (bus.RabbitMq.QueueType == RabbitQueueType.Quorum)
        {
            // Quorum queues can dead-letter at-least-once (RabbitMQ 3.10+), which requires reject-publish on overflow.
            arguments["x-queue-type"] = "quorum";
            arguments["x-dead-letter-strategy"] = "at-least-once";
            arguments["x-overflow"] = "reject-publish";
        }
        return arguments;
    }
}
