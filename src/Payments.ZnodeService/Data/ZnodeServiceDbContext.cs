using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.ZnodeService.Data;

/// <summary>
/// The Znode service's database: the consumer inbox/outbox and bus outbox (<c>InboxState</c>, <c>OutboxState</c>,
/// <c>OutboxMessage</c>), plus the order intake's own rows: the poller's checkpoint and lease, and one row per Znode order taken
/// in (so an order is published once, whichever way it came); the payment offered for each order (so a reminder or a decline
/// mail can give the same link); and one row per approved return taken in (so a return is announced once); customer-sync's copy of the link record
/// (<c>CustomerLink</c>) and the last change of each Znode account reported. Having tables of its own, it has its own migrations
/// (<c>Migrations/&lt;Provider&gt;</c>), not the shared inbox/outbox set.
/// </summary>
public sealed class ZnodeServiceDbContext(DbContextOptions<ZnodeServiceDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "ZnodeService";

    public DbSet<IntakeCheckpoint> IntakeCheckpoints => Set<IntakeCheckpoint>();
    public DbSet<PollerLease> PollerLeases => Set<PollerLease>();
    public DbSet<IntakeOrder> IntakeOrders => Set<IntakeOrder>();
    public DbSet<PaymentOffer> PaymentOffers => Set<PaymentOffer>();
    public DbSet<IntakeReturn> IntakeReturns => Set<IntakeReturn>();
    public DbSet<CustomerLink> CustomerLinks => Set<CustomerLink>();
    public DbSet<ReportedAccount> ReportedAccounts => Set<ReportedAccount>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        model.Entity<IntakeCheckpoint>(e =>
        {
            e.ToTable("ZnodeIntakeCheckpoints");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        model.Entity<PollerLease>(e =>
        {
            e.ToTable("ZnodePollerLeases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Holder).HasMaxLength(200);
        });
        model.Entity<IntakeOrder>(e =>
        {
            e.ToTable("ZnodeIntakeOrders");
            // The order number is the business key: a second sighting (poller overlap, a webhook redelivery, both ways at once) fails on it.
            e.HasKey(x => x.OrderNumber);
            e.Property(x => x.OrderNumber).HasMaxLength(100);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => x.RecordedAt);
        });
        model.Entity<PaymentOffer>(e =>
        {
            e.ToTable("ZnodePaymentOffers");
            e.HasKey(x => x.OrderNumber);
            e.Property(x => x.OrderNumber).HasMaxLength(100);
            e.Property(x => x.PaymentIntentId).HasMaxLength(255);
            e.Property(x => x.Currency).HasMaxLength(3);
        });
        model.Entity<IntakeReturn>(e =>
        {
            e.ToTable("ZnodeIntakeReturns");
            // The return number is the business key: a return is announced once, however often the poller sees it.
            e.HasKey(x => x.ReturnNumber);
            e.Property(x => x.ReturnNumber).HasMaxLength(100);
            e.Property(x => x.OrderNumber).HasMaxLength(100);
            e.Property(x => x.ReturnState).HasMaxLength(64);
            e.Property(x => x.ApprovedAmount).HasPrecision(28, 6);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => x.RecordedAt);
        });
        model.Entity<CustomerLink>(e =>
        {
            // The name every adapter's copy of the link has.
            e.ToTable("CustomerLink");
            e.HasKey(x => x.StripeCustomerId);
            e.Property(x => x.StripeCustomerId).HasMaxLength(255);
            // Two replicas syncing one customer at once: the second commit fails on the revisions the first wrote, and its message is retried.
            e.Property(x => x.FieldRevisions).HasMaxLength(4000).IsConcurrencyToken();
            e.HasIndex(x => x.ZnodeUserId);
        });
        model.Entity<ReportedAccount>(e =>
        {
            e.ToTable("ZnodeReportedAccounts");
            e.HasKey(x => x.ZnodeUserId);
            e.Property(x => x.ZnodeUserId).ValueGeneratedNever();
        });
        // UTC instants: SQLite hands DateTime back without a kind, PostgreSQL's timestamptz wants one.
        var utc = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        model.Entity<IntakeCheckpoint>().Property(x => x.ModifiedThroughUtc).HasConversion(utc);
        model.Entity<IntakeCheckpoint>().Property(x => x.UpdatedAtUtc).HasConversion(utc);
        model.Entity<PollerLease>().Property(x => x.ExpiresAtUtc).HasConversion(utc);
        model.Entity<IntakeOrder>().Property(x => x.RecordedAt).HasConversion(utc);
        model.Entity<PaymentOffer>().Property(x => x.OfferedAtUtc).HasConversion(utc);
        model.Entity<IntakeReturn>().Property(x => x.RecordedAt).HasConversion(utc);
        model.Entity<ReportedAccount>().Property(x => x.ModifiedAtUtc).HasConversion(utc);
        model.Entity<ReportedAccount>().Property(x => x.ReportedAtUtc).HasConversion(utc);
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.ZnodeService ZnodeServiceDbContext Name) and the migration tests.</summary>
public sealed class ZnodeServiceDbContextFactory : PaymentsDesignTimeDbContextFactory<ZnodeServiceDbContext>;
