using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Cleanup;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Cleanup;

/// <summary>
/// The cleanup runs every few minutes against tables that grow with every message: each statement it runs must be
/// answered from an index (a range of old rows), never by reading the whole table.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_cleanup_runs_on_a_long_history(DatabaseProvider provider)
{
    [Test]
    public async Task Should_answer_every_statement_from_an_index()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        var log = new CommandLog();
        await using var db = await History.Open(database, log);
        var now = DateTime.UtcNow;
        await History.AddDeliveredInbox(db, 20, now.AddDays(-2));
        await History.AddDeliveredInbox(db, 5, now.AddMinutes(-1));
        await History.AddUndeliveredInbox(db, now.AddDays(-2));
        await History.AddDeliveredBusOutboxes(db, 20, now.AddDays(-2));
        await History.AddUndeliveredBusOutbox(db, now.AddDays(-2));
        log.Clear();

        await OutboxCleanup.RemoveExpiredAsync(db, now.AddDays(-1));

        var statements = log.Commands.Where(c => c.Text.Contains("DELETE", StringComparison.OrdinalIgnoreCase)
                                                 || c.Text.Contains("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(statements, Is.Not.Empty);
        var scans = await QueryPlans.FullScansOf(db, statements, nameof(InboxState), nameof(OutboxState), nameof(OutboxMessage));
        Assert.That(scans, Is.Empty, "the cleanup reads whole tables:\n" + string.Join("\n", scans));

        Assert.Multiple(async () =>
        {
            Assert.That(await db.Set<InboxState>().CountAsync(), Is.EqualTo(6), "the recent and the undelivered inbox rows stay");
            Assert.That(await db.Set<OutboxState>().CountAsync(), Is.EqualTo(1), "the undelivered bus outbox stays");
            Assert.That(await db.Set<OutboxMessage>().CountAsync(), Is.EqualTo(2), "the undelivered messages stay");
        });
    }
}
