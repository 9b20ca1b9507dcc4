using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Outbox;

/// <summary>
/// Maps the inbox/outbox tables exactly as MassTransit.EntityFrameworkCore does (table names, columns, keys and
/// indexes), so moving to the official package later needs no data migration.
/// </summary>
public static class OutboxModelBuilderExtensions
{
    /// <summary>The partial index of the outboxes a relay may still deliver (not delivered, not parked), by <see cref="OutboxState.Created"/>.</summary>
    public const string PendingOutboxIndex = "IX_OutboxState_Pending";

    /// <summary>
    /// The partial index of the outboxes not delivered, parked or not, by <see cref="OutboxState.Created"/>: the stuck-outbox monitor's
    /// count of parked outboxes and the CLI's count of undelivered ones read it instead of every outbox delivered in the last day.
    /// </summary>
    public const string UndeliveredOutboxIndex = "IX_OutboxState_Undelivered";

    /// <summary>Adds <see cref="InboxState"/>, <see cref="OutboxState"/> and <see cref="OutboxMessage"/> to the model.</summary>
    public static ModelBuilder AddTransactionalOutboxEntities(this ModelBuilder modelBuilder)
    {
        modelBuilder.AddInboxStateEntity();
        modelBuilder.AddOutboxStateEntity();
        modelBuilder.AddOutboxMessageEntity();
        return modelBuilder;
    }

    public static ModelBuilder AddInboxStateEntity(this ModelBuilder modelBuilder)
    {
        var inbox = modelBuilder.Entity<InboxState>();
        inbox.ToTable(nameof(InboxState));
        inbox.HasKey(p => p.Id);
        inbox.Property(p => p.Id).ValueGeneratedOnAdd();
        // The duplicate-detection key: a second insert for the same message and consumer fails.
        inbox.HasAlternateKey(p => new { p.MessageId, p.ConsumerId });
        inbox.Property(p => p.RowVersion).IsRowVersion();
        inbox.HasIndex(p => p.Delivered);
        return modelBuilder;
    }

    public static ModelBuilder AddOutboxStateEntity(this ModelBuilder modelBuilder)
    {
        var outbox = modelBuilder.Entity<OutboxState>();
        outbox.ToTable(nameof(OutboxState));
        outbox.HasKey(p => p.OutboxId);
        outbox.Property(p => p.OutboxId).ValueGeneratedNever();
        outbox.Property(p => p.RowVersion).IsRowVersion();
        outbox.HasIndex(p => p.Created);

        outbox.Property(p => p.LastError).HasMaxLength(OutboxState.LastErrorMaxLength);
        // The relay's claim, the stuck-outbox monitor and the cleanup walk only the outboxes still to deliver, oldest first:
        // this index holds just those, so their cost does not grow with what was delivered or parked before. The filter is
        // standard SQL (double-quoted names), which SQLite, PostgreSQL and SQL Server (QUOTED_IDENTIFIER, required for a
        // filtered index anyway) all read.
        outbox.HasIndex(p => p.Created, PendingOutboxIndex)
            .HasFilter($"\"{nameof(OutboxState.Delivered)}\" IS NULL AND \"{nameof(OutboxState.ParkedAt)}\" IS NULL");
        // The counts of parked and of all undelivered outboxes (the monitor, every minute in every service; `payments outbox`):
        // without it each count read the whole table, a day of delivered outboxes (found by the end-to-end benchmark's history
        // phase: 0.6 s per count with a million rows).
        outbox.HasIndex(p => p.Created, UndeliveredOutboxIndex)
            .HasFilter($"\"{nameof(OutboxState.Delivered)}\" IS NULL");
        return modelBuilder;
    }

    public static ModelBuilder AddOutboxMessageEntity(this ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<OutboxMessage>();
        message.ToTable(nameof(OutboxMessage));
        message.HasKey(p => p.SequenceNumber);
        message.Property(p => p.SequenceNumber).ValueGeneratedOnAdd();

        message.Property(p => p.SourceAddress).HasMaxLength(256);
        message.Property(p => p.DestinationAddress).HasMaxLength(256);
        message.Property(p => p.ResponseAddress).HasMaxLength(256);
        message.Property(p => p.FaultAddress).HasMaxLength(256);
        message.Property(p => p.ContentType).HasMaxLength(256);

        message.HasIndex(p => p.ExpirationTime);
        message.HasIndex(p => p.EnqueueTime);

        message.HasIndex(p => new { p.InboxMessageId, p.InboxConsumerId, p.SequenceNumber }).IsUnique();
        message.HasOne<InboxState>().WithMany().IsRequired(false)
            .HasForeignKey(p => new { p.InboxMessageId, p.InboxConsumerId })
            .HasPrincipalKey(p => new { p.MessageId, p.ConsumerId });

        message.HasIndex(p => new { p.OutboxId, p.SequenceNumber }).IsUnique();
        message.HasOne<OutboxState>().WithMany().IsRequired(false)
            .HasForeignKey(p => p.OutboxId);
        return modelBuilder;
    }
}
