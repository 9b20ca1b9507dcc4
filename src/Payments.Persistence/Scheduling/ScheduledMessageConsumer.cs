using System.ComponentModel.DataAnnotations;
using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Scheduling;

/// <summary>
/// The scheduler's endpoint: stores each <see cref="ScheduleMessage"/> as a <see cref="ScheduledMessage"/> row and
/// deletes it on <see cref="CancelScheduledMessage"/>. It runs behind the inbox/outbox of <typeparamref name="TContext"/>
/// (<see cref="ScheduledMessageConsumerDefinition{TContext}"/>), so a redelivered command changes nothing.
/// </summary>
public sealed class ScheduledMessageConsumer<TContext>(TContext dbContext, IBus bus, TimeProvider time, IOptions<SchedulerOptions> options,
    ILogger<ScheduledMessageConsumer<TContext>> logger) : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
    where TContext : DbContext
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var schedule = context.Message;
        if (schedule.Destination is null)
            throw new ValidationException($"ScheduleMessage {schedule.CorrelationId} has no Destination.");
        if (schedule.Payload is null || schedule.PayloadType is not { Length: > 0 })
            throw new ValidationException($"ScheduleMessage {schedule.CorrelationId} has no Payload or PayloadType.");
        await EnsureTransportAccepts(schedule);

        var row = await dbContext.Set<ScheduledMessage>().FindAsync([schedule.CorrelationId], context.CancellationToken);
        if (row is { Cancelled: true })
        {
            logger.LogInformation("Schedule {TokenId} for {Destination} was cancelled before it arrived; dropped", schedule.CorrelationId,
                schedule.Destination);
            return;
        }

        if (row is null)
        {
            row = new ScheduledMessage { TokenId = schedule.CorrelationId };
            dbContext.Add(row);
        }

        // Like MassTransit.Quartz: the payload in an envelope made from this message's context, and its headers and
        // addresses, so the fired message is what the scheduler's caller would have sent. The same token again replaces
        // the earlier schedule.
        // The fired message starts a delivery history of its own: a ScheduleMessage that came back through a wait queue
        // must not pass its redelivery count on to the time-out (the envelope's header can only be overwritten).
        var envelope = new MessageSendContext<ScheduleMessage>(schedule);
        envelope.Headers.Set(MessageHeaders.RedeliveryCount, 0);
        var body = context.SerializerContext.GetMessageSerializer(schedule.Payload, schedule.PayloadType).GetMessageBody(envelope);

        var headers = context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        headers.Remove(MessageHeaders.RedeliveryCount);
        headers[MessageHeaders.SchedulingTokenId] = schedule.CorrelationId.ToString("D");

        row.DueTime = OutboxMessageWriter.AsUtc(schedule.ScheduledTime)!.Value;
        row.Destination = schedule.Destination;
        row.MessageType = string.Join(";", schedule.PayloadType);
        row.ContentType = (context.ReceiveContext.ContentType ?? SystemTextJsonMessageSerializer.JsonContentType).ToString();
        row.Body = body.GetString();
        row.Headers = context.SerializerContext.SerializeDictionary(headers);
        row.Properties = context.ReceiveContext.TryGetPayload<TransportReceiveContext>(out var transport)
            && transport.GetTransportProperties() is { Count: > 0 } properties
                ? context.SerializerContext.SerializeDictionary(properties)
                : null;
        row.MessageId = context.MessageId ?? NewId.NextGuid();
        row.ConversationId = context.ConversationId;
        row.CorrelationId = context.CorrelationId;
        row.InitiatorId = context.InitiatorId;
        row.RequestId = context.RequestId;
        row.SourceAddress = context.SourceAddress;
        row.ResponseAddress = context.ResponseAddress;
        row.FaultAddress = context.FaultAddress;
        row.ExpirationTime = OutboxMessageWriter.AsUtc(context.ExpirationTime);
        row.Created = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>
    /// The bus outbox relay stops at a message it cannot send and tries it again, holding back the messages after it:
    /// an address the transport cannot use is refused here, to the error queue, instead of firing later.
    /// </summary>
    async Task EnsureTransportAccepts(ScheduleMessage schedule)
    {
        try
        {
            await bus.GetSendEndpoint(schedule.Destination);
        }
        catch (Exception exception) when (exception is ArgumentException or AbstractUriException or ConfigurationException)
        {
            throw new ValidationException($"ScheduleMessage {schedule.CorrelationId}: the transport cannot send to {schedule.Destination}: {exception.Message}",
                exception);
        }
    }

    public async Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        var tokenId = context.Message.TokenId;
        var row = await dbContext.Set<ScheduledMessage>().FindAsync([tokenId], context.CancellationToken);
        switch (row)
        {
            case { Cancelled: false }:
                dbContext.Remove(row);
                break;
            case null:
                // Fired already, or the schedule is still on its way (a redelivery can overtake it): remember the
                // cancellation for a while, so that a schedule arriving late is dropped. The dispatcher removes it then.
                var now = time.GetUtcNow().UtcDateTime;
                dbContext.Add(new ScheduledMessage
                {
                    TokenId = tokenId,
                    Cancelled = true,
                    DueTime = now + options.Value.CancellationRetention,
                    Created = now,
                });
                break;
        }
    }
}
