using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.StripeService.Data;

/// <summary>
/// The Stripe service's inbox/outbox only: a redelivered command is not handled again, and the "recorded" event leaves
/// after the commit that records the command as handled (Stripe's idempotency key covers a handler that dies in between).
/// </summary>
public sealed class StripeServiceDbContext(DbContextOptions<StripeServiceDbContext> options) : InboxOutboxDbContext(options)
{
    public const string ConnectionStringName = "StripeService";
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.StripeService StripeServiceDbContext Name).</summary>
public sealed class StripeServiceDbContextFactory : PaymentsDesignTimeDbContextFactory<StripeServiceDbContext>;
