using MassTransit;
using MassTransit.Context;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Outbox;

/// <summary>Turns an outgoing <see cref="SendContext{T}"/> into an <see cref="OutboxMessage"/> row tracked by the DbContext.</summary>
static class OutboxMessageWriter
{
    public static OutboxMessage AddSend<T>(DbContext dbContext, SendContext<T> context, IObjectDeserializer serializer,
        Guid? inboxMessageId = null, Guid? inboxConsumerId = null, Guid? outboxId = null)
        where T : class
    {
        if (context.MessageId is not { } messageId)
            throw new MessageException(typeof(T), "An outbox message needs a MessageId");

        var now = DateTime.UtcNow;
        var message = new OutboxMessage
        {
            MessageId = messageId,
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress,
            DestinationAddress = context.DestinationAddress,
            ResponseAddress = context.ResponseAddress,
            FaultAddress = context.FaultAddress,
            SentTime = AsUtc(context.SentTime) ?? now,
            ContentType = context.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            InboxMessageId = inboxMessageId,
            InboxConsumerId = inboxConsumerId,
            OutboxId = outboxId,
        };

        if (context.TimeToLive is { } timeToLive)
            message.ExpirationTime = now + timeToLive;
        if (context.Delay is { } delay)
            message.EnqueueTime = now + delay;

        if (context is TransportSendContext<T> transportContext)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transportContext.WritePropertiesTo(properties);
            message.Properties = serializer.SerializeDictionary(properties);
        }

        // Publishes from one consume or request may run concurrently; the change tracker is not thread-safe.
        lock (dbContext)
            dbContext.Set<OutboxMessage>().Add(message);
        return message;
    }

    /// <summary>MassTransit's times are UTC; PostgreSQL's timestamptz refuses a DateTime whose kind says otherwise.</summary>
    public static DateTime? AsUtc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } utc => utc,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
    };
}
