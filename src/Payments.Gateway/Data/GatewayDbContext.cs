using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Payments.Persistence.Outbox;

namespace Payments.Gateway.Data;

public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<RejectedWebhook> RejectedWebhooks => Set<RejectedWebhook>();
    public DbSet<IngestLease> IngestLeases => Set<IngestLease>();
    public DbSet<IngestCheckpoint> IngestCheckpoints => Set<IngestCheckpoint>();

    /// <summary>The partial index of the webhook records whose intake entry is not yet in the audit trail.</summary>
    public const string UnauditedIndex = "IX_WebhookEvents_Unaudited";

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite has no date type: EF Core keeps a DateTimeOffset as text and refuses to compare or order by it, which the
        // retention sweeps do. Kept in the same text form, always in UTC (as the gateway writes it), the text sorts as the time.
        if (Database.IsSqlite())
            configuration.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        // The bus outbox: the domain event is a row committed with the webhook record, delivered by the relay.
        model.AddTransactionalOutboxEntities();
        model.Entity<WebhookEvent>(e =>
        {
            e.ToTable("WebhookEvents");
            // Source first: Stripe's and (next) Znode's ids live side by side without colliding.
            e.HasKey(x => new { x.Source, x.EventId });
            e.Property(x => x.Source).HasMaxLength(32);
            e.Property(x => x.EventId).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.ApiVersion).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(32);
            e.Property(x => x.Flow).HasMaxLength(64);
            e.Property(x => x.Via).HasMaxLength(16);
            e.HasIndex(x => x.CorrelationId);
            // The retention sweep removes the oldest by a range of this index (Gateway:Retention:WebhookEvents).
            e.HasIndex(x => x.ReceivedAt);
            // The intake audit pass reads the few rows not yet in the audit trail; a partial index keeps that read off the history.
            e.HasIndex(x => x.ReceivedAt, UnauditedIndex).HasFilter($"\"{nameof(WebhookEvent.AuditedAt)}\" IS NULL");
        });
        model.Entity<RejectedWebhook>(e =>
        {
            e.ToTable("RejectedWebhooks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Source).HasMaxLength(32);
            e.Property(x => x.EventId).HasMaxLength(255);
            e.Property(x => x.EventType).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(64);
            e.HasIndex(x => new { x.Source, x.EventId });
            // Likewise for Gateway:Retention:RejectedWebhooks: these bodies hold customer data.
            e.HasIndex(x => x.ReceivedAt);
        });
        model.Entity<IngestLease>(e =>
        {
            e.ToTable("IngestLeases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Holder).HasMaxLength(200);
        });
        model.Entity<IngestCheckpoint>(e =>
        {
            e.ToTable("IngestCheckpoints");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Cursor).HasMaxLength(255);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
    }
}

/// <summary>A DateTimeOffset as EF Core's SQLite provider writes it ("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz"), converted to UTC first.</summary>
sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
    value => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture),
    text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture))
{
    const string Format = "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz";
}
