using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.Data;

/// <summary>
/// The P21 service's inbox/outbox only: a redelivered command is not handled again, and <c>P21OrderPosted</c> leaves
/// after the commit that records the command as handled. The order itself lives in P21 (found again by the charge id
/// kept on it when a handler dies between the P21 call and that commit). Its migrations are the shared inbox/outbox set
/// (<see cref="InboxOutboxDbContext"/>), which keeps the ids this service's own copy had.
/// </summary>
public sealed class P21ServiceDbContext(DbContextOptions<P21ServiceDbContext> options) : InboxOutboxDbContext(options)
{
    public const string ConnectionStringName = "P21Service";
}

/// <summary>Builds the context without a host, for tools and for the migration tests that find every context by its factory.</summary>
public sealed class P21ServiceDbContextFactory : PaymentsDesignTimeDbContextFactory<P21ServiceDbContext>;
