using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Payments.Persistence.Outbox;

/// <summary>
/// A message waiting in (or delivered from) an outbox: either a consumer's outbox (<see cref="InboxMessageId"/> and
/// <see cref="InboxConsumerId"/> set) or a bus outbox (<see cref="OutboxId"/> set). Table and columns match
/// MassTransit's EF Core <c>OutboxMessage</c>; it is also the <see cref="OutboxMessageContext"/> MassTransit's
/// delivery pipe re-sends from.
/// </summary>
public class OutboxMessage : OutboxMessageContext
{
    static readonly IReadOnlyDictionary<string, object> NoProperties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

    Headers? _headers;
    IReadOnlyDictionary<string, object>? _properties;

    /// <summary>Database-generated, increasing: the delivery order within an outbox.</summary>
    public long SequenceNumber { get; set; }

    /// <summary>When the message should become visible (a delayed send); null for immediate delivery.</summary>
    public DateTime? EnqueueTime { get; set; }

    public DateTime SentTime { get; set; }

    /// <summary>The send headers as a JSON object.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport-specific properties (routing key, priority…) as a JSON object.</summary>
    public string? Properties { get; set; }

    public Guid? InboxMessageId { get; set; }

    public Guid? InboxConsumerId { get; set; }

    public Guid? OutboxId { get; set; }

    public Guid MessageId { get; set; }

    public string ContentType { get; set; } = null!;

    public string MessageType { get; set; } = null!;

    public string Body { get; set; } = null!;

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public Uri? SourceAddress { get; set; }

    public Uri? DestinationAddress { get; set; }

    public Uri? ResponseAddress { get; set; }

    public Uri? FaultAddress { get; set; }

    public DateTime? ExpirationTime { get; set; }

    Guid? MessageContext.MessageId => MessageId;

    DateTime? MessageContext.SentTime => SentTime;

    Headers MessageContext.Headers => _headers ?? EmptyHeaders.Instance;

    HostInfo MessageContext.Host => HostMetadataCache.Host;

    IReadOnlyDictionary<string, object> OutboxMessageContext.Properties => _properties ?? NoProperties;

    /// <summary>Reads the stored headers and properties back; required before the message is re-sent.</summary>
    public void Deserialize(IObjectDeserializer deserializer)
    {
        var headers = deserializer.DeserializeDictionary<object?>(Headers);
        _headers = headers != null ? new DictionarySendHeaders(headers!) : EmptyHeaders.Instance;
        _properties = deserializer.DeserializeDictionary<object>(Properties) ?? NoProperties;
    }
}
