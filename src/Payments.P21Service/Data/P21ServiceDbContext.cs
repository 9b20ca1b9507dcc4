using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.Data;

/// <summary>
/// The P21 service's database: the consumer inbox/outbox (a redelivered command is not handled again, and what a consumer publishes
/// leaves after the commit that records the command as handled) and its copy of the customer links (<see cref="CustomerLink"/>).
/// Orders and customers themselves live in P21.
/// </summary>
/// <remarks>
/// Having a table of its own, it has its own migrations (<c>Migrations/&lt;Provider&gt;</c>), no longer the shared inbox/outbox set:
/// the first two are that set's <c>Initial</c> and <c>OutboxRelay</c> under the same ids (which were this service's own ids before
/// the set was shared), so a database migrated while the set was shared runs only what came after (<c>AddCustomerSync</c>).
/// </remarks>
public sealed class P21ServiceDbContext(DbContextOptions<P21ServiceDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "P21Service";

    public DbSet<CustomerLink> CustomerLinks => Set<CustomerLink>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        // UTC instants: SQLite hands DateTime back without a kind, PostgreSQL's timestamptz wants one.
        var utc = new ValueConverter<DateTime, DateTime>(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        model.Entity<CustomerLink>(e =>
        {
            e.ToTable("CustomerLink");
            e.HasKey(x => x.StripeCustomerId);
            e.Property(x => x.StripeCustomerId).HasMaxLength(255);
            e.Property(x => x.ChangedAt).HasConversion(utc);
            e.Property(x => x.FieldRevisions).HasMaxLength(4000);
            // The payment flows find a Stripe customer by its P21 customer too (payments customers show p21:N).
            e.HasIndex(x => x.P21CustomerId);
            // Two consumers writing one customer's row: the second fails its commit and is retried on the newer row.
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.FieldRevisions).IsConcurrencyToken();
        });
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.P21Service P21ServiceDbContext Name) and the migration tests.</summary>
public sealed class P21ServiceDbContextFactory : PaymentsDesignTimeDbContextFactory<P21ServiceDbContext>;
