namespace Payments.Persistence.Outbox;

/// <summary>
/// One row per bus-outbox scope (for example one webhook request): the relay locks it to deliver that scope's
/// messages in order. Table and columns match MassTransit's EF Core <c>OutboxState</c>.
/// </summary>
public class OutboxState
{
    public Guid OutboxId { get; set; }

    /// <summary>Changed by the relay when it takes the row, so the row is written (and so locked) in the relay's transaction.</summary>
    public Guid LockId { get; set; }

    public byte[]? RowVersion { get; set; }

    public DateTime Created { get; set; }

    /// <summary>Set when every message of this outbox has been handed to the transport.</summary>
    public DateTime? Delivered { get; set; }

    /// <summary>Highest <see cref="OutboxMessage.SequenceNumber"/> handed to the transport so far.</summary>
    public long? LastSequenceNumber { get; set; }
}
