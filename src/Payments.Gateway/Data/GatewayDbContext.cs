using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Gateway.Data;

public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<StripeWebhookEvent> StripeWebhookEvents => Set<StripeWebhookEvent>();
    public DbSet<RejectedStripeWebhook> RejectedStripeWebhooks => Set<RejectedStripeWebhook>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // The bus outbox: the domain event is a row committed with the webhook record, delivered by the relay.
        model.AddTransactionalOutboxEntities();
        model.Entity<StripeWebhookEvent>(e =>
        {
            e.ToTable("StripeWebhookEvents");
            e.HasKey(x => x.EventId);
            e.Property(x => x.EventId).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.ApiVersion).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(32);
            e.HasIndex(x => x.CorrelationId);
        });
        model.Entity<RejectedStripeWebhook>(e =>
        {
            e.ToTable("RejectedStripeWebhooks");
            e.HasKey(x => x.Id);
            e.Property(x => x.EventId).HasMaxLength(255);
            e.Property(x => x.EventType).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(64);
            e.HasIndex(x => x.EventId);
        });
    }
}
