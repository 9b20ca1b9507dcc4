using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Payments.Persistence.Migrations;

namespace Payments.Operations.FlowRuns;

/// <summary>
/// The console's tables in the operations database (connection string <c>Operations</c>, shared with the alerts' own context,
/// each with its own migrations under <c>Migrations/&lt;Provider&gt;</c>): the flow runs it projects from the flows' outcome events.
/// </summary>
public sealed class ConsoleDbContext(DbContextOptions<ConsoleDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "Operations";

    public DbSet<FlowRun> FlowRuns => Set<FlowRun>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // UTC instants: SQLite hands DateTime back without a kind, PostgreSQL's timestamptz wants one.
        var utc = new ValueConverter<DateTime, DateTime>(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        model.Entity<FlowRun>(e =>
        {
            e.ToTable("console_flow_runs");
            e.HasKey(x => x.CorrelationId);
            e.Property(x => x.Flow).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(255);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.FailedStep).HasMaxLength(255);
            e.Property(x => x.FailureReason).HasMaxLength(4000);
            e.Property(x => x.Documents).HasMaxLength(4000);
            e.Property(x => x.StateAt).HasConversion(utc);
            foreach (var at in new[] { nameof(FlowRun.StartedAt), nameof(FlowRun.FailedAt), nameof(FlowRun.CompletedAt) })
                e.Property<DateTime?>(at).HasConversion(new ValueConverter<DateTime?, DateTime?>(
                    v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v,
                    v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v));
            e.Property(x => x.Version).IsConcurrencyToken();
            // The list page: a flow's runs in a state, newest first; the search: by subject.
            e.HasIndex(x => new { x.Flow, x.State, x.StateAt });
            e.HasIndex(x => x.Subject);
        });
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.Operations ConsoleDbContext Name).</summary>
public sealed class ConsoleDbContextFactory : PaymentsDesignTimeDbContextFactory<ConsoleDbContext>;
