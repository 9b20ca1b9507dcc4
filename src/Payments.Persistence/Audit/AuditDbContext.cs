using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Payments.Persistence.Migrations;

namespace Payments.Persistence.Audit;

/// <summary>
/// The audit trail's database (connection string <c>Audit</c>): <c>audit_entries</c>, and <c>audit_references</c>, a row per id an
/// entry is about, which is how <see cref="IAuditTrail.StoryAsync"/> finds a payment's entries.
/// </summary>
public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "Audit";

    public DbSet<AuditEntry> Entries => Set<AuditEntry>();
    public DbSet<AuditReference> References => Set<AuditReference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Stored as UTC DateTime: SQLite cannot compare or order DateTimeOffset, and retention and the story do both.
        var utc = new ValueConverter<DateTimeOffset, DateTime>(v => v.UtcDateTime, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.At).HasConversion(utc);
            entry.Property(e => e.Service).HasMaxLength(64);
            entry.Property(e => e.System).HasMaxLength(32);
            entry.Property(e => e.Action).HasMaxLength(300);
            entry.Property(e => e.Flow).HasMaxLength(64);
            entry.Property(e => e.Step).HasMaxLength(128);
            entry.Property(e => e.Subject).HasMaxLength(200);
            entry.Property(e => e.CausedBy).HasMaxLength(200);
            entry.Property(e => e.Request).HasMaxLength(AuditEssentials.MaxLength);
            entry.Property(e => e.Outcome).HasMaxLength(16);
            entry.Property(e => e.Result).HasMaxLength(AuditEssentials.MaxLength);
            entry.Property(e => e.Actor).HasMaxLength(200);
            entry.Property(e => e.References).HasMaxLength(AuditEssentials.MaxLength);
            // Retention removes the oldest first; a story joins the entries of one conversation.
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => e.ConversationId);
        });

        modelBuilder.Entity<AuditReference>(reference =>
        {
            reference.ToTable("audit_references");
            reference.HasKey(r => new { r.Reference, r.EntryId });
            reference.Property(r => r.Reference).HasMaxLength(200);
            reference.HasIndex(r => r.EntryId);
            reference.HasOne<AuditEntry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>For <c>dotnet ef</c> (<c>src/Payments.Persistence/add-migration.sh src/Payments.Persistence AuditDbContext Name</c>).</summary>
public sealed class AuditDbContextFactory : PaymentsDesignTimeDbContextFactory<AuditDbContext>;
