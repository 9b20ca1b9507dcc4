namespace Payments.Persistence.Outbox;

/// <summary>
/// One row per bus-outbox scope (for example one webhook request): the relay claims it to deliver that scope's
/// messages in order, and removes it with its messages once they are all delivered. Table and columns match
/// MassTransit's EF Core <c>OutboxState</c>; the columns after <see cref="LastSequenceNumber"/> are ours (nullable or
/// defaulted, so MassTransit's own code can still write the table).
/// </summary>
public class OutboxState
{
    /// <summary>Longest <see cref="LastError"/> kept; a longer message is cut.</summary>
    public const int LastErrorMaxLength = 2000;

    public Guid OutboxId { get; set; }

    /// <summary>The id of the relay's current claim: set when a relay claims the row, checked when it records its progress.</summary>
    public Guid LockId { get; set; }

    public byte[]? RowVersion { get; set; }

    public DateTime Created { get; set; }

    /// <summary>
    /// Set by relays before this version, which kept delivered outboxes for the cleanup; the relay now removes a
    /// delivered outbox instead, so only such older rows have it.
    /// </summary>
    public DateTime? Delivered { get; set; }

    /// <summary>Highest <see cref="OutboxMessage.SequenceNumber"/> handed to the transport so far.</summary>
    public long? LastSequenceNumber { get; set; }

    /// <summary>Failed delivery attempts since the outbox was committed or an operator last retried it; the back-off grows with it.</summary>
    public int DeliveryAttempts { get; set; }

    /// <summary>When a relay may try again after a failed attempt (UTC); null: at once.</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed (the exception's type and message).</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// A relay that claimed the outbox (<see cref="LockId"/>) sends its messages until then (UTC) with no transaction open;
    /// after it, another relay may take the outbox over (the claimer crashed).
    /// </summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>Set by an operator (<c>payments outbox park</c>): no relay tries it again until it is retried; its rows are kept.</summary>
    public DateTime? ParkedAt { get; set; }

    /// <summary>When the relay's monitor raised the alert for this outbox (once per outbox, across replicas and restarts).</summary>
    public DateTime? AlertedAt { get; set; }
}
