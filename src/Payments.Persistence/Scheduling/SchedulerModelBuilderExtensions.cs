using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Scheduling;

public static class SchedulerModelBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="ScheduledMessage"/> table. The DbContext must also map the outbox tables
    /// (<c>AddTransactionalOutboxEntities</c>): fired messages leave through its bus outbox.
    /// </summary>
    public static ModelBuilder AddScheduledMessageEntity(this ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<ScheduledMessage>();
        message.ToTable(nameof(ScheduledMessage));
        message.HasKey(p => p.TokenId);
        message.Property(p => p.TokenId).ValueGeneratedNever();
        // The dispatcher's claim reads the earliest due rows.
        message.HasIndex(p => p.DueTime);

        message.Property(p => p.Destination).HasMaxLength(256);
        message.Property(p => p.SourceAddress).HasMaxLength(256);
        message.Property(p => p.ResponseAddress).HasMaxLength(256);
        message.Property(p => p.FaultAddress).HasMaxLength(256);
        message.Property(p => p.ContentType).HasMaxLength(256);
        return modelBuilder;
    }
}
