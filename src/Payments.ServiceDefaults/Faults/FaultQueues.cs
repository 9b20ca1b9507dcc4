using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Payments.ServiceDefaults.Faults;

/// <summary>
/// Reads and redrives MassTransit's <c>_error</c> queues. Listing uses the management HTTP API (queue names, a peek that requeues);
/// counts and redrive use AMQP, so a message is acknowledged in the error queue only after the broker confirmed its copy in the source queue.
/// </summary>
public sealed class FaultQueues(RabbitMqOptions options, string clientName = "payments-cli") : IAsyncDisposable
{
    readonly HttpClient _http = CreateHttpClient(options);
    IConnection? _connection;

    public async Task<IReadOnlyList<FaultQueue>> ListAsync(string? queue, int maxMessages, CancellationToken cancellationToken = default)
    {
        var names = queue != null
            ? [queue.EndsWith(FaultHeaders.ErrorSuffix, StringComparison.Ordinal) ? queue : queue + FaultHeaders.ErrorSuffix]
            : await ErrorQueueNamesAsync(cancellationToken);
        var result = new List<FaultQueue>();
        await using var channel = await ChannelAsync(confirms: false, cancellationToken);
        foreach (var name in names)
        {
            var count = (await channel.QueueDeclarePassiveAsync(name, cancellationToken)).MessageCount;
            var messages = count == 0 || maxMessages == 0 ? [] : await PeekAsync(name, maxMessages, cancellationToken);
            result.Add(new FaultQueue(name, count, messages));
        }
        return result;
    }

    /// <summary>
    /// The faulted messages of one flow run: every <c>_error</c> queue's first <paramref name="maxPerQueue"/> messages (peeked, they stay)
    /// whose correlation id is <paramref name="correlationId"/>, the saga's id that every command and event of the run carries.
    /// </summary>
    public async Task<IReadOnlyList<FaultFound>> FindAsync(Guid correlationId, int maxPerQueue, CancellationToken cancellationToken = default)
    {
        var found = new List<FaultFound>();
        foreach (var queue in await ListAsync(null, maxPerQueue, cancellationToken))
            found.AddRange(queue.Messages.Where(m => m.CorrelationId == correlationId).Select(m => new FaultFound(queue.Name, m)));
        return found;
    }

    /// <summary>
    /// Moves messages from <paramref name="errorQueue"/> back to the queue they failed in; only <paramref name="messageId"/> when given.
    /// <paramref name="progress"/> hears the count before the first message and after each confirmed one.
    /// </summary>
    public async Task<RedriveResult> RedriveAsync(string errorQueue, string? messageId, IProgress<RedriveProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var source = FaultHeaders.SourceQueueOf(errorQueue);
        await using var channel = await ChannelAsync(confirms: true, cancellationToken);
        await channel.QueueDeclarePassiveAsync(source, cancellationToken); // fails clearly when the source queue is gone
        var waiting = (await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken)).MessageCount;

        var moved = 0;
        progress?.Report(new RedriveProgress(moved, waiting));
        var skipped = new List<ulong>();
        // Bounded by the count at the start: skipped messages stay unacknowledged (held by this channel) until the end.
        for (var i = 0; i < waiting; i++)
        {
            var delivery = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
            if (delivery == null)
                break;
            if (messageId != null && !string.Equals(IdOf(delivery), messageId, StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add(delivery.DeliveryTag);
                continue;
            }

            var properties = new BasicProperties(delivery.BasicProperties)
            {
                Headers = Redriven(delivery.BasicProperties.Headers),
            };
            // Default exchange, routing key = queue name: straight into the source queue; mandatory, so a missing queue is an error.
            await channel.BasicPublishAsync("", source, mandatory: true, properties, delivery.Body, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            moved++;
            progress?.Report(new RedriveProgress(moved, waiting));
            if (messageId != null)
                break;
        }
        foreach (var tag in skipped)
            await channel.BasicNackAsync(tag, multiple: false, requeue: true, cancellationToken);

        var left = (await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken)).MessageCount;
        return new RedriveResult(errorQueue, source, moved, (int)left);
    }

    static IDictionary<string, object?> Redriven(IDictionary<string, object?>? headers)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (name, value) in headers ?? new Dictionary<string, object?>())
        {
            if (!FaultHeaders.IsFaultHeader(name))
                copy[name] = value;
        }
        copy[DeliveryAttempt.RedrivenAtHeader] = DateTimeOffset.UtcNow.ToString("O");
        return copy;
    }

    static string? IdOf(BasicGetResult delivery) =>
        delivery.BasicProperties.MessageId
        ?? FaultHeaders.Describe(null, delivery.BasicProperties.Headers, Encoding.UTF8.GetString(delivery.Body.Span)).MessageId;

    async Task<IReadOnlyList<string>> ErrorQueueNamesAsync(CancellationToken cancellationToken)
    {
        var queues = await _http.GetFromJsonAsync<List<QueueInfo>>($"api/queues/{VirtualHost}?columns=name", cancellationToken) ?? [];
        return queues.Select(q => q.name).Where(n => n.EndsWith(FaultHeaders.ErrorSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    async Task<IReadOnlyList<FaultMessage>> PeekAsync(string queue, int count, CancellationToken cancellationToken)
    {
        // ack_requeue_true: the broker hands the messages out and puts them back, in order; nothing leaves the queue.
        var request = new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 100_000 };
        using var response = await _http.PostAsJsonAsync($"api/queues/{VirtualHost}/{Uri.EscapeDataString(queue)}/get", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<List<PeekedMessage>>(cancellationToken) ?? [];
        return messages.Select(m => FaultHeaders.Describe(
                m.properties?.message_id,
                m.properties?.headers?.ToDictionary(h => h.Key, h => (object?)h.Value),
                m.payload_encoding == "string" ? m.payload : null,
                m.properties?.correlation_id))
            .ToList();
    }

    async Task<IChannel> ChannelAsync(bool confirms, CancellationToken cancellationToken)
    {
        _connection ??= await new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            VirtualHost = options.VirtualHost,
            UserName = options.Username,
            Password = options.Password,
            ClientProvidedName = clientName,
        }.CreateConnectionAsync(cancellationToken);
        return await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms), cancellationToken);
    }

    string VirtualHost => Uri.EscapeDataString(options.VirtualHost);

    static HttpClient CreateHttpClient(RabbitMqOptions options)
    {
        var baseUri = options.ManagementUri.EndsWith('/') ? options.ManagementUri : options.ManagementUri + "/";
        var http = new HttpClient { BaseAddress = new Uri(baseUri), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_connection != null)
            await _connection.DisposeAsync();
    }

    // Shapes of the management API's JSON (snake_case as the API spells it).
#pragma warning disable IDE1006
    sealed record QueueInfo(string name);
    sealed record PeekedMessage(string? payload, string? payload_encoding, PeekedProperties? properties);
    sealed record PeekedProperties(string? message_id, string? correlation_id, Dictionary<string, JsonElement>? headers);
#pragma warning restore IDE1006
}
