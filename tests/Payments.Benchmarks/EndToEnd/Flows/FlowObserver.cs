using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Payments.Benchmarks.EndToEnd.Flows;

/// <summary>One flow offered: when it was sent, when its <c>FlowCompleted</c> (or <c>FlowFailed</c>) was seen, and how often.</summary>
public sealed class TrackedFlow(Guid correlationId, string subject)
{
    public Guid CorrelationId { get; } = correlationId;
    public string Subject { get; } = subject;
    public long SentAt { get; set; }
    public long CompletedAt;
    public int Completions;
    public int Failures;
    public bool Accepted { get; set; } = true;
    public string? Rejection { get; set; }

    public bool IsCompleted => Volatile.Read(ref CompletedAt) != 0;
    public double LatencyMs => Stopwatch.GetElapsedTime(SentAt, CompletedAt).TotalMilliseconds;
}

/// <summary>
/// Consumes the observer queue (bound to the exchanges of <c>FlowCompleted</c> and <c>FlowFailed</c>) and stamps each tracked flow with
/// the moment its announcement arrived here: this process's clock, the same one that stamped the webhook's sending.
/// </summary>
public sealed class FlowObserver : IAsyncDisposable
{
    static readonly string CompletedUrn = MessageUrn.ForTypeString<FlowCompleted>();
    static readonly string FailedUrn = MessageUrn.ForTypeString<FlowFailed>();

    readonly ConcurrentDictionary<Guid, TrackedFlow> _flows = new();
    readonly IConnection _connection;
    readonly IChannel _channel;
    int _unknown;

    FlowObserver(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>Announcements of flows nobody tracked (none expected).</summary>
    public int Unknown => _unknown;

    public static async Task<FlowObserver> StartAsync(RabbitMqOptions broker, string queue)
    {
        var connection = await new ConnectionFactory
        {
            HostName = broker.Host, Port = broker.Port, VirtualHost = broker.VirtualHost, UserName = broker.Username, Password = broker.Password,
            ClientProvidedName = "payments-bench-observer",
        }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 500, false);
        var observer = new FlowObserver(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            observer.Seen(delivery.Body, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return observer;
    }

    public TrackedFlow Track(Guid correlationId, string subject) => _flows.GetOrAdd(correlationId, id => new TrackedFlow(id, subject));

    void Seen(ReadOnlyMemory<byte> body, long at)
    {
        using var envelope = JsonDocument.Parse(body);
        var root = envelope.RootElement;
        var types = root.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()).ToArray();
        var id = root.GetProperty("message").GetProperty("correlationId").GetGuid();
        if (!_flows.TryGetValue(id, out var flow))
        {
            Interlocked.Increment(ref _unknown);
            return;
        }
        if (types.Contains(CompletedUrn))
        {
            if (Interlocked.Increment(ref flow.Completions) == 1)
                Volatile.Write(ref flow.CompletedAt, at);
        }
        else if (types.Contains(FailedUrn))
            Interlocked.Increment(ref flow.Failures);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
