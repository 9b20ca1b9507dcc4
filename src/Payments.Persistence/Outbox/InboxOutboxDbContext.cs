using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;

namespace Payments.Persistence.Outbox;

/// <summary>
/// A service database that holds nothing but the consumer inbox/outbox tables (<see cref="OutboxModelBuilderExtensions.AddTransactionalOutboxEntities"/>):
/// for services whose own state lives elsewhere (P21, Stripe) and that only need "handled once, published after the commit".
/// Every such database has the same tables, so they share one set of migrations, generated once for
/// <see cref="SharedInboxOutboxDbContext"/> (this project's <c>Migrations/&lt;Provider&gt;</c>); a derived context carries none of its own.
/// </summary>
[SharesMigrationsWith(typeof(SharedInboxOutboxDbContext))]
public abstract class InboxOutboxDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddTransactionalOutboxEntities();
}
