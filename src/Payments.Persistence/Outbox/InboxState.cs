namespace Payments.Persistence.Outbox;

/// <summary>
/// One row per (message, consumer) received through the consumer outbox: the duplicate-detection record.
/// Table and columns match MassTransit's EF Core <c>InboxState</c> so the official package can take over the data.
/// </summary>
public class InboxState
{
    /// <summary>Surrogate key; gives an ordered clustered index on SQL Server.</summary>
    public long Id { get; set; }

    /// <summary>MessageId of the received message (the original one when it was redelivered from an error queue).</summary>
    public Guid MessageId { get; set; }

    /// <summary>Deterministic id of the endpoint + consumer (or saga) pair handling the message.</summary>
    public Guid ConsumerId { get; set; }

    /// <summary>Changed on every receive so the row is written (and so locked) inside each consume transaction.</summary>
    public Guid LockId { get; set; }

    public byte[]? RowVersion { get; set; }

    public DateTime Received { get; set; }

    public int ReceiveCount { get; set; }

    public DateTime? ExpirationTime { get; set; }

    /// <summary>Set in the same transaction as the consumer's own changes: from then on the consumer is never called again for this message.</summary>
    public DateTime? Consumed { get; set; }

    /// <summary>Set once every message the consumer published has been handed to the transport.</summary>
    public DateTime? Delivered { get; set; }

    public long? LastSequenceNumber { get; set; }
}
