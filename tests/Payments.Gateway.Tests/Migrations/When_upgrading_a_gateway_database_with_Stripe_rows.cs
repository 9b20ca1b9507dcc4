using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Payments.Gateway.Data;
using Payments.Persistence.Configuration;

namespace Payments.Gateway.Tests.Migrations;

/// <summary>
/// The WebhooksBySource migration keeps what the Stripe-only tables held, so recorded ids still catch redeliveries; IntakeAuditAfterCommit
/// counts the records of before it as audited (their intake entries were written on the request path then).
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_upgrading_a_gateway_database_with_Stripe_rows(DatabaseProvider provider)
{
    TestDatabase _database = null!;

    [SetUp]
    public async Task Create() => _database = await TestDatabase.Create(provider, "payments_gateway_upgrade");

    [TearDown]
    public async Task Drop()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    GatewayDbContext Context()
    {
        var options = new DbContextOptionsBuilder<GatewayDbContext>();
        options.UsePaymentsProvider(provider, _database.ConnectionString);
        return new GatewayDbContext(options.Options);
    }

    [Test]
    public async Task Should_move_the_rows_into_the_tables_keyed_by_source()
    {
        await using (var db = Context())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().First(m => m.EndsWith("_Initial", StringComparison.Ordinal)));
            // Raw SQL is formatted: {{ and }} are the JSON's braces.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "StripeWebhookEvents" ("EventId", "Type", "ApiVersion", "Livemode", "ReceivedAt", "Outcome", "CorrelationId", "Payload")
                VALUES ('evt_old', 'charge.succeeded', '2026-10-28.endive', FALSE, '2026-11-20 10:00:00+00:00', 'Published', NULL, '{{"id":"evt_old"}}');
                INSERT INTO "RejectedStripeWebhooks" ("ReceivedAt", "EventId", "EventType", "Reason", "Detail", "Payload")
                VALUES ('2026-11-20 10:00:00+00:00', 'evt_bad', 'charge.succeeded', 'invalid_event', 'no amount', '{{"id":"evt_bad"}}');
                """);

            await migrator.MigrateAsync();
        }

        await using var upgraded = Context();
        var recorded = await upgraded.WebhookEvents.AsNoTracking().SingleAsync();
        var rejected = await upgraded.RejectedWebhooks.AsNoTracking().SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That((recorded.Source, recorded.EventId, recorded.Outcome, recorded.Payload), Is.EqualTo((WebhookSources.Stripe, "evt_old", "Published", """{"id":"evt_old"}""")));
            Assert.That((rejected.Source, rejected.EventId, rejected.Reason), Is.EqualTo((WebhookSources.Stripe, "evt_bad", "invalid_event")));
        });
        Assert.That(await upgraded.Database.GetPendingMigrationsAsync(), Is.Empty);
    }

    [Test]
    public async Task Should_count_the_records_of_before_the_intake_audit_pass_as_audited()
    {
        await using (var db = Context())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().First(m => m.EndsWith("_AddUndeliveredOutboxIndex", StringComparison.Ordinal)));
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "WebhookEvents" ("Source", "EventId", "Type", "ApiVersion", "Livemode", "ReceivedAt", "Outcome", "Via", "Payload")
                VALUES ('stripe', 'evt_audited_then', 'charge.succeeded', '2026-10-28.endive', FALSE, '2026-11-20 10:00:00+00:00', 'Published', 'webhook', '{{"id":"evt_audited_then"}}');
                """);

            await migrator.MigrateAsync();
        }

        await using var upgraded = Context();
        var recorded = await upgraded.WebhookEvents.AsNoTracking().SingleAsync();
        Assert.That(recorded.AuditedAt, Is.EqualTo(recorded.ReceivedAt), "a record of before the pass would be audited again, or never");
        Assert.That(recorded.Published, Is.Null);
    }
}
