using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Payments.ServiceDefaults;
using RabbitMQ.Client;

namespace Payments.Testing.Cluster;

/// <summary>One queue as the management HTTP API shows it; <paramref name="Acked"/> and <paramref name="Published"/> count since it was declared.</summary>
public sealed record QueueView(string Name, string Type, long Messages, long Consumers, bool AutoDelete, long Acked, long Published);

/// <summary>
/// A virtual host of its own on the test broker for one fixture's service processes, so that fixtures never see each other's
/// queues; deleted (with everything in it) at the end. Reads go through the management HTTP API, as an operator sees the broker;
/// exact counts and the observer queue use AMQP.
/// </summary>
public sealed class VirtualHostBroker : IAsyncDisposable
{
    readonly HttpClient _http;
    readonly IConnection _connection;
    readonly string _vhost;

    VirtualHostBroker(RabbitMqOptions options, HttpClient http, IConnection connection)
    {
        Options = options;
        _http = http;
        _connection = connection;
        _vhost = Uri.EscapeDataString(options.VirtualHost);
    }

    /// <summary>The connection settings with <see cref="RabbitMqOptions.VirtualHost"/> set to this fixture's virtual host.</summary>
    public RabbitMqOptions Options { get; }

    public static async Task<VirtualHostBroker> CreateAsync(RabbitMqOptions broker, string virtualHost)
    {
        var options = new RabbitMqOptions
        {
            Host = broker.Host, Port = broker.Port, Username = broker.Username, Password = broker.Password,
            ManagementUri = broker.ManagementUri, VirtualHost = virtualHost,
        };
        var http = new HttpClient { BaseAddress = new Uri(options.ManagementUri.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        var vhost = Uri.EscapeDataString(virtualHost);
        (await http.PutAsJsonAsync($"api/vhosts/{vhost}", new { })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(options.Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        var connection = await new ConnectionFactory
        {
            HostName = options.Host, Port = options.Port, VirtualHost = virtualHost, UserName = options.Username, Password = options.Password,
            ClientProvidedName = "payments-flow-tests",
        }.CreateConnectionAsync();
        return new VirtualHostBroker(options, http, connection);
    }

    /// <summary>Every queue of the virtual host (management API; its counts may lag the broker by a few seconds).</summary>
    public async Task<IReadOnlyList<QueueView>> QueuesAsync()
    {
        var queues = await _http.GetFromJsonAsync<List<JsonElement>>($"api/queues/{_vhost}") ?? [];
        return queues.Select(q => new QueueView(
            q.GetProperty("name").GetString()!,
            q.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "",
            Number(q, "messages"),
            Number(q, "consumers"),
            q.TryGetProperty("auto_delete", out var autoDelete) && autoDelete.GetBoolean(),
            q.TryGetProperty("message_stats", out var stats) ? Number(stats, "ack") : 0,
            q.TryGetProperty("message_stats", out stats) ? Number(stats, "publish") : 0)).ToList();
    }

    static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    /// <summary>A queue's messages delivered and not yet acknowledged (management API, a few seconds behind); 0 for a queue not declared.</summary>
    public async Task<long> UnacknowledgedAsync(string queue)
    {
        using var response = await _http.GetAsync($"api/queues/{_vhost}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return 0;
        response.EnsureSuccessStatusCode();
        return Number(await response.Content.ReadFromJsonAsync<JsonElement>(), "messages_unacknowledged");
    }

    /// <summary>Exact ready-message and consumer counts (AMQP passive declare); null for a queue that does not exist.</summary>
    public async Task<(uint Messages, uint Consumers)?> CountAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return (ok.MessageCount, ok.ConsumerCount);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>Waits until the queue exists with a consumer: the service that owns it is receiving.</summary>
    public async Task WaitForConsumerAsync(string queue, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while ((await CountAsync(queue))?.Consumers is not > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No consumer on queue {queue} in virtual host {Options.VirtualHost} within {within.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the queue holds at least <paramref name="count"/> ready messages (exact count).</summary>
    public async Task WaitForCountAsync(string queue, uint count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while ((await CountAsync(queue))?.Messages is not { } messages || messages < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{queue} did not hold {count} message(s) within {within.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the management API shows at least <paramref name="count"/> messages in the queue and returns them, peeked (they stay).</summary>
    public async Task<List<JsonElement>> WaitForMessagesAsync(string queue, int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var messages = await PeekAsync(queue, count + 5);
            if (messages.Count >= count)
                return messages;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{queue} held {messages.Count} message(s), not {count}, after {within.TotalSeconds} s.");
            await Task.Delay(250);
        }
    }

    /// <summary>The messages in a queue as the management API shows them (fetched and requeued); empty for a queue not declared.</summary>
    public async Task<List<JsonElement>> PeekAsync(string queue, int count = 10)
    {
        using var response = await _http.PostAsJsonAsync($"api/queues/{_vhost}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto" });
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return [];
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<JsonElement>>() ?? [];
    }

    /// <summary>
    /// Waits until no queue holds a message, ready or unacknowledged, as the management API reports it (its figures lag by up to its
    /// statistics interval, so a queue must look empty in two reads a few seconds apart), and returns the last view.
    /// </summary>
    /// <param name="ignoring">Queues a test fills on purpose and reads itself (a copy of another queue's messages): not waited for.</param>
    public async Task<IReadOnlyList<QueueView>> WaitUntilDrainedAsync(TimeSpan within, params string[] ignoring)
    {
        var deadline = DateTime.UtcNow + within;
        var quietReads = 0;
        while (true)
        {
            var queues = await QueuesAsync();
            var exact = new List<QueueView>();
            foreach (var q in queues)
                exact.Add(q with { Messages = Math.Max(q.Messages, (await CountAsync(q.Name))?.Messages ?? 0) });
            quietReads = exact.All(q => q.Messages == 0 || ignoring.Contains(q.Name)) ? quietReads + 1 : 0;
            if (quietReads >= 2)
                return exact;
            if (DateTime.UtcNow > deadline)
                return exact;
            await Task.Delay(quietReads > 0 ? 3000 : 500);
        }
    }

    /// <summary>
    /// The queues once the management API's message statistics have caught up with the broker: two reads one statistics interval
    /// (RabbitMQ's default <c>collect_statistics_interval</c>, 5 s) apart agree. A test takes this as its "before", so that deliveries
    /// of an earlier test reported late are not counted as its own.
    /// </summary>
    public async Task<IReadOnlyList<QueueView>> SettledQueuesAsync()
    {
        var last = await QueuesAsync();
        for (var reads = 0; reads < 10; reads++)
        {
            await Task.Delay(StatisticsInterval);
            var now = await QueuesAsync();
            if (now.Count == last.Count && now.All(q => last.Any(l => l.Name == q.Name && l.Acked == q.Acked && l.Published == q.Published)))
                return now;
            last = now;
        }
        return last;
    }

    static readonly TimeSpan StatisticsInterval = TimeSpan.FromSeconds(5.5);

    /// <summary>
    /// How much a statistic grew per named queue since <paramref name="before"/>, read once the management API shows at least the
    /// expected growth everywhere (its figures lag) or the time is up: the test compares exactly, so an extra delivery still fails it.
    /// </summary>
    public async Task<Dictionary<string, long>> GrowthSinceAsync(IReadOnlyList<QueueView> before, Func<QueueView, long> statistic,
        IReadOnlyDictionary<string, long> expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var now = await QueuesAsync();
            var growth = expected.Keys.ToDictionary(name => name,
                name => now.Where(q => q.Name == name).Sum(statistic) - before.Where(q => q.Name == name).Sum(statistic));
            if (expected.All(e => growth[e.Key] >= e.Value) || DateTime.UtcNow > deadline)
                return growth;
            await Task.Delay(500);
        }
    }

    /// <summary>Empties every error queue, so that each test starts from a broker with nothing left over by an earlier one.</summary>
    public async Task PurgeErrorQueuesAsync()
    {
        foreach (var queue in (await QueuesAsync()).Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)))
            (await _http.DeleteAsync($"api/queues/{_vhost}/{Uri.EscapeDataString(queue.Name)}/contents")).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A queue of the test's own bound to the exchanges MassTransit publishes these message types to (<c>Namespace:Type</c>), so a
    /// test sees what the services announce without joining their bus.
    /// </summary>
    public async Task<string> DeclareObserverAsync(params Type[] messageTypes)
    {
        await using var channel = await _connection.CreateChannelAsync();
        var queue = "flow-tests-observer";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var type in messageTypes)
        {
            // The message's pinned exchange name (its [EntityName]).
            var exchange = type.GetCustomAttribute<MassTransit.EntityNameAttribute>()?.EntityName
                           ?? throw new ArgumentException($"{type.Name} has no pinned [EntityName].", nameof(messageTypes));
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
        }
        return queue;
    }

    /// <summary>Takes messages off <paramref name="queue"/> until one's MassTransit envelope matches; the others are dropped.</summary>
    public async Task<JsonElement> WaitForPublishedAsync(string queue, Func<JsonElement, bool> match, TimeSpan within, string what)
    {
        await using var channel = await _connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + within;
        var seen = new List<string>();
        while (true)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: true);
            if (result is not null)
            {
                using var envelope = JsonDocument.Parse(result.Body);
                var root = envelope.RootElement.Clone();
                if (match(root))
                    return root;
                seen.Add(root.GetProperty("messageType")[0].GetString() ?? "?");
                continue;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} was not published within {within.TotalSeconds} s (others seen: {(seen.Count == 0 ? "none" : string.Join(", ", seen))}).");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        using (var response = await _http.DeleteAsync($"api/vhosts/{_vhost}"))
            response.EnsureSuccessStatusCode();
        _http.Dispose();
    }
}
