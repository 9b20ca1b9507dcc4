using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;

namespace Payments.Persistence.Tests.Model;

public class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<WebhookRecord> WebhookRecords => Set<WebhookRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.AddSagaClassMap(new OrderStateMap());
        modelBuilder.AddSagaClassMap(new RefundStateMap());

        modelBuilder.Entity<LedgerEntry>(entity =>
        {
            entity.HasKey(x => x.Id);
            entity.Property(x => x.Amount).HasPrecision(18, 2);
        });
        modelBuilder.Entity<WebhookRecord>(entity =>
        {
            entity.HasKey(x => x.EventId);
            entity.Property(x => x.EventId).HasMaxLength(64);
        });
    }
}

/// <summary>The consumer's side effect: posting it twice is the bug the inbox prevents.</summary>
public class LedgerEntry
{
    public long Id { get; set; }
    public Guid CorrelationId { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>What the gateway stores per webhook, in the same transaction as the event it publishes.</summary>
public class WebhookRecord
{
    public string EventId { get; set; } = null!;
    public DateTime ReceivedAt { get; set; }
}

public class TestDbContextFactory : PaymentsDesignTimeDbContextFactory<TestDbContext>;
