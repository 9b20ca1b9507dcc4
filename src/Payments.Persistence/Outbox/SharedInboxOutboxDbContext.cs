using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;

namespace Payments.Persistence.Outbox;

/// <summary>
/// The context the shared inbox/outbox migrations (<c>Migrations/&lt;Provider&gt;</c> of this project) are generated for:
/// <c>src/Payments.Persistence/add-migration.sh src/Payments.Persistence SharedInboxOutboxDbContext &lt;Name&gt;</c>.
/// Services derive their own context from <see cref="InboxOutboxDbContext"/>, which uses these migrations.
/// </summary>
public sealed class SharedInboxOutboxDbContext(DbContextOptions<SharedInboxOutboxDbContext> options) : InboxOutboxDbContext(options);

/// <summary>For <c>dotnet ef</c>, and for the migration tests that find every context by its factory.</summary>
public sealed class SharedInboxOutboxDbContextFactory : PaymentsDesignTimeDbContextFactory<SharedInboxOutboxDbContext>;
