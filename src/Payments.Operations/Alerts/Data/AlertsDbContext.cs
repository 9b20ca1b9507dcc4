using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Payments.Persistence.Migrations;

namespace Payments.Operations.Alerts.Data;

/// <summary>
/// The alerts' rows in the operations database (connection string <c>Operations</c>): one per alert key, the de-duplication
/// window every replica reads and counts in. The console keeps its own context on the same database; each has its own tables
/// and migrations (<c>Migrations/&lt;Provider&gt;</c>, src/Payments.Persistence/add-migration.sh).
/// </summary>
public sealed class AlertsDbContext(DbContextOptions<AlertsDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "Operations";

    public DbSet<AlertEpisode> Episodes => Set<AlertEpisode>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // UTC instants: SQLite hands DateTime back without a kind, PostgreSQL's timestamptz wants one.
        var utc = new ValueConverter<DateTime, DateTime>(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        model.Entity<AlertEpisode>(e =>
        {
            e.ToTable("AlertEpisodes");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(500);
            e.Property(x => x.FirstText).HasMaxLength(4000);
            e.Property(x => x.LastText).HasMaxLength(4000);
            e.Property(x => x.WindowEndsAtUtc).HasConversion(utc);
            e.Property(x => x.FirstOccurredAtUtc).HasConversion(utc);
            e.Property(x => x.LastOccurredAtUtc).HasConversion(utc);
            // The summary sweep looks for ended windows.
            e.HasIndex(x => x.WindowEndsAtUtc);
        });
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.Operations AlertsDbContext Name).</summary>
public sealed class AlertsDbContextFactory : PaymentsDesignTimeDbContextFactory<AlertsDbContext>;
