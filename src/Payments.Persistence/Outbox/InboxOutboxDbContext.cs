using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Outbox;

/// <summary>
/// A service database that holds nothing but the consumer inbox/outbox tables (<see cref="OutboxModelBuilderExtensions.AddTransactionalOutboxEntities"/>):
/// for services whose own state lives elsewhere (P21, Stripe) and that only need "handled once, published after the commit".
/// </summary>
public abstract class InboxOutboxDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddTransactionalOutboxEntities();
}
