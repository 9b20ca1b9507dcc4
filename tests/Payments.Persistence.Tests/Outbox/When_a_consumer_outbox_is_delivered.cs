using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Outbox;

/// <summary>
/// A consumer's messages are committed with its work, sent, and then its outbox is finished (messages removed, inbox row
/// marked delivered). On PostgreSQL that finish does not wait for a disk flush: the messages are with the broker already, so
/// losing it in a database crash leaves them stored, not lost. Only that one transaction may skip the flush.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_consumer_outbox_is_delivered(DatabaseProvider provider)
{
    [Test]
    public async Task Should_finish_it_in_one_statement_batch_that_alone_skips_the_disk_flush_on_postgres()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        var log = new CommandLog();
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { Commands = log });
        var entryId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 12m), context => context.MessageId = messageId);
        await host.Log.WaitFor(entryId, 1);
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.Delivered != null))),
            "the outbox was not finished");

        var finishes = log.Commands.Where(c => c.Text.Contains("DELETE FROM \"OutboxMessage\"", StringComparison.Ordinal)
                                                && c.Text.Contains("UPDATE \"InboxState\"", StringComparison.Ordinal)
                                                && c.Parameters.Any(p => Equals(p.Value, messageId)))
            .ToList();
        var skipsFlush = log.Commands.Where(c => c.Text.Contains("synchronous_commit", StringComparison.Ordinal)).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(finishes, Has.Count.EqualTo(1), "one statement batch finishes the outbox");
            Assert.That(await host.Query(db => db.Set<OutboxMessage>().AnyAsync(m => m.InboxMessageId == messageId)), Is.False,
                "a sent message was kept");
            if (provider == DatabaseProvider.Postgres)
                Assert.That(skipsFlush.Select(c => c.Text), Is.EqualTo(finishes.Select(c => c.Text)),
                    "only the finish (not the consumer's own transaction) commits without a flush");
            else
                Assert.That(skipsFlush, Is.Empty);
        });

        if (provider != DatabaseProvider.Postgres)
            return;
        // Run the same batch again on one open connection: the setting ends with its transaction.
        var finish = finishes[0];
        var (before, after) = await host.Query(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var first = await Setting(db);
            await db.Database.ExecuteSqlRawAsync(finish.Text, finish.Parameters.Select(p => new NpgsqlParameter(p.Name, p.Value ?? DBNull.Value)));
            return (first, await Setting(db));
        });
        Assert.That(after, Is.EqualTo(before).And.EqualTo("on"), "the finish changed the connection's later commits");
    }

    static Task<string> Setting(TestDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();
}
