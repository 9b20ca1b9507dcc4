using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.Data;

/// <summary>
/// The P21 service's inbox/outbox only: a redelivered command is not handled again, and <c>P21OrderPosted</c> leaves
/// after the commit that records the command as handled. The order itself lives in P21 (found again by the charge id
/// kept on it when a handler dies between the P21 call and that commit).
/// </summary>
public sealed class P21ServiceDbContext(DbContextOptions<P21ServiceDbContext> options) : InboxOutboxDbContext(options)
{
    public const string ConnectionStringName = "P21Service";
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.P21Service P21ServiceDbContext Name).</summary>
public sealed class P21ServiceDbContextFactory : PaymentsDesignTimeDbContextFactory<P21ServiceDbContext>;
