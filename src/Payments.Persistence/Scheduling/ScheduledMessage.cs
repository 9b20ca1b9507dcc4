namespace Payments.Persistence.Scheduling;

/// <summary>
/// One message waiting for its time (table <c>ScheduledMessage</c>), stored from MassTransit's <c>ScheduleMessage</c>
/// with what is needed to send it as it was scheduled: the payload's serialized envelope, its message types, headers
/// and addresses, as MassTransit.Quartz keeps them in a trigger's job data. When it is due, the dispatcher moves it
/// into the bus outbox of the same database (an <see cref="Outbox.OutboxMessage"/>) and deletes it in one transaction.
/// </summary>
public class ScheduledMessage
{
    /// <summary>
    /// The schedule's token (<c>ScheduleMessage.CorrelationId</c>), which <c>CancelScheduledMessage.TokenId</c> names and
    /// which the fired message carries in <c>MT-Scheduling-TokenId</c> (a saga ignores a timeout whose token it no longer holds).
    /// </summary>
    public Guid TokenId { get; set; }

    /// <summary>When to send, UTC.</summary>
    public DateTime DueTime { get; set; }

    /// <summary>
    /// A cancellation that arrived before its schedule (a redelivery can reorder the two): nothing is sent, and a
    /// schedule with this token that arrives later is dropped. The row is removed at <see cref="DueTime"/>.
    /// </summary>
    public bool Cancelled { get; set; }

    public Uri? Destination { get; set; }

    /// <summary>The payload's message type URNs, separated by ';'.</summary>
    public string? MessageType { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The payload in its envelope, serialized as the transport would carry it.</summary>
    public string? Body { get; set; }

    /// <summary>Headers as a JSON object, including <c>MT-Scheduling-TokenId</c>.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport properties of the received ScheduleMessage as a JSON object, or null.</summary>
    public string? Properties { get; set; }

    /// <summary>The MessageId the fired message gets: that of the ScheduleMessage, so every copy of one firing has one id.</summary>
    public Guid MessageId { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public Uri? SourceAddress { get; set; }

    public Uri? ResponseAddress { get; set; }

    public Uri? FaultAddress { get; set; }

    public DateTime? ExpirationTime { get; set; }

    public DateTime Created { get; set; }
}
