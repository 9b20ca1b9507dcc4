using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.StripeService.Data;

/// <summary>
/// The Stripe service's inbox/outbox only: a redelivered command is not handled again, and the "recorded" event leaves
/// after the commit that records the command as handled (Stripe's idempotency key covers a handler that dies in between).
/// Its migrations are the shared inbox/outbox set (<see cref="InboxOutboxDbContext"/>). Before they were shared this
/// service carried a generated copy of the same migrations under its own ids; a database made then has its history rows
/// renamed to the shared ids before it is migrated (same operations, so nothing runs again).
/// </summary>
[RenamedMigration("20261123120105_Initial", "20261123120028_Initial")] // SQLite
[RenamedMigration("20261123120135_Initial", "20261123120039_Initial")] // PostgreSQL
[RenamedMigration("20261123120159_Initial", "20261123120050_Initial")] // SQL Server
public sealed class StripeServiceDbContext(DbContextOptions<StripeServiceDbContext> options) : InboxOutboxDbContext(options)
{
    public const string ConnectionStringName = "StripeService";
}

/// <summary>Builds the context without a host, for tools and for the migration tests that find every context by its factory.</summary>
public sealed class StripeServiceDbContextFactory : PaymentsDesignTimeDbContextFactory<StripeServiceDbContext>;
