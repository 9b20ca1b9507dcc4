using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.StripeService.Data;

/// <summary>
/// The Stripe service's database: the consumer inbox/outbox (a redelivered command is not handled again, and what a consumer publishes
/// leaves after the commit that records the command as handled), plus the payout reconciliation's rows: how far each payout's listing
/// got (<see cref="PayoutListing"/>) and its balance transactions (<see cref="PayoutTransactionLine"/>), and the customer-sync link copies
/// with the revision each Stripe customer field was written at (<see cref="CustomerLink"/>).
/// </summary>
/// <remarks>
/// Having tables of its own, it has its own migrations (<c>Migrations/&lt;Provider&gt;</c>), no longer the shared inbox/outbox set: the
/// first two are that set's <c>Initial</c> and <c>OutboxRelay</c> under the same ids, so a database migrated while the set was shared
/// sees them applied and runs only what came after (<c>AddPayoutReconciliation</c>). Before the set was shared this service carried
/// a generated copy under other ids; a database made then has its history rows renamed to these ids before it is migrated.
/// </remarks>
[RenamedMigration("20261123120105_Initial", "20261123120028_Initial")] // SQLite
[RenamedMigration("20261123120135_Initial", "20261123120039_Initial")] // PostgreSQL
[RenamedMigration("20261123120159_Initial", "20261123120050_Initial")] // SQL Server
public sealed class StripeServiceDbContext(DbContextOptions<StripeServiceDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "StripeService";

    public DbSet<PayoutListing> PayoutListings => Set<PayoutListing>();
    public DbSet<PayoutTransactionLine> PayoutTransactionLines => Set<PayoutTransactionLine>();
    public DbSet<CustomerLink> CustomerLinks => Set<CustomerLink>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        // UTC instants: SQLite hands DateTime back without a kind, PostgreSQL's timestamptz wants one.
        var utc = new ValueConverter<DateTime, DateTime>(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        model.Entity<PayoutListing>(e =>
        {
            e.ToTable("PayoutListing");
            e.HasKey(x => x.PayoutId);
            e.Property(x => x.PayoutId).HasMaxLength(255);
            e.Property(x => x.Cursor).HasMaxLength(255);
            // A page is written only over the run and page count it started from: two consumers of one payout cannot both advance it.
            e.Property(x => x.Run).IsConcurrencyToken();
            e.Property(x => x.Pages).IsConcurrencyToken();
            e.Property(x => x.UpdatedAt).HasConversion(utc);
        });
        model.Entity<PayoutTransactionLine>(e =>
        {
            e.ToTable("PayoutTransactionLine");
            e.HasKey(x => new { x.PayoutId, x.BalanceTransactionId });
            e.Property(x => x.PayoutId).HasMaxLength(255);
            e.Property(x => x.BalanceTransactionId).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(64);
            e.Property(x => x.ReportingCategory).HasMaxLength(64);
            e.Property(x => x.Category).HasMaxLength(32);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Fees).HasMaxLength(1000);
            e.Property(x => x.SourceId).HasMaxLength(255);
            e.Property(x => x.ChargeId).HasMaxLength(255);
            e.Property(x => x.P21OrderNo).HasMaxLength(500);
            e.Property(x => x.ZnodeOrderNumber).HasMaxLength(500);
            e.Property(x => x.OriginalCurrency).HasMaxLength(3);
            e.Property(x => x.ExchangeRate).HasPrecision(28, 12);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.Created).HasConversion(utc);
            // The report reads a payout's lines in Stripe's order of creation.
            e.HasIndex(x => new { x.PayoutId, x.Created });
        });
        model.Entity<CustomerLink>(e =>
        {
            e.ToTable("CustomerLink");
            e.HasKey(x => x.StripeCustomerId);
            e.Property(x => x.StripeCustomerId).HasMaxLength(255);
            e.Property(x => x.FieldRevisions).HasMaxLength(4000);
            e.Property(x => x.ChangedAt).HasConversion(utc);
            // A Znode order finds its shopper's Stripe customer by the Znode user id.
            e.HasIndex(x => x.ZnodeUserId);
            e.HasIndex(x => x.P21CustomerId);
            // Two writers of one customer's row (a link copy, a sync command) cannot both win: the loser is retried.
            e.Property(x => x.FieldRevisions).IsConcurrencyToken();
            e.Property(x => x.Version).IsConcurrencyToken();
        });
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.StripeService StripeServiceDbContext Name) and the migration tests.</summary>
public sealed class StripeServiceDbContextFactory : PaymentsDesignTimeDbContextFactory<StripeServiceDbContext>;
