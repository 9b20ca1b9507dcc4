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

    [Test]
    public async Task Should_remove_the_messages_through_their_index_after_the_table_has_churned()
    {
        if (provider != DatabaseProvider.Postgres)
            Assert.Ignore("Plan caching of prepared statements is PostgreSQL's.");
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        var log = new CommandLog();
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { Commands = log });
        var messageId = NewId.NextGuid();
        await host.Harness.Bus.Publish(new PostLedgerEntry(NewId.NextGuid(), 12m), context => context.MessageId = messageId);
        // The log takes a command once it has run, which can be after its commit is visible: wait for the entry itself.
        bool IsFinish(LoggedCommand c) => c.Text.Contains("DELETE FROM \"OutboxMessage\"", StringComparison.Ordinal)
                                               && c.Parameters.Any(p => Equals(p.Value, messageId));
        Assert.That(await Eventually.True(() => Task.FromResult(log.Commands.Any(IsFinish))), "the outbox was not finished");
        var finish = log.Commands.First(IsFinish);
        var consumer = Guid.NewGuid();

        // The same batch, prepared as the services prepare (Max Auto Prepare) and run while the table is nearly empty, as after a
        // vacuum, until PostgreSQL settles on a generic plan.
        var prepared = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxAutoPrepare = 16, AutoPrepareMinUsages = 2, Pooling = false };
        await using var connection = new NpgsqlConnection(prepared.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, """INSERT INTO "OutboxMessage" ("InboxMessageId", "InboxConsumerId", "MessageId", "ContentType", "MessageType", "Body", "Headers", "SentTime") SELECT NULL, NULL, gen_random_uuid(), 'application/json', 'x', '{}', '{}', now() FROM generate_series(1, 4)""");
        await Execute(connection, """VACUUM ANALYZE "OutboxMessage" """);
        for (var i = 0; i < 10; i++)
        {
            await using var batch = new NpgsqlCommand(finish.Text, connection);
            foreach (var parameter in finish.Parameters)
                batch.Parameters.Add(new NpgsqlParameter(parameter.Name, Equals(parameter.Value, messageId) ? Guid.NewGuid() : parameter.Value ?? DBNull.Value));
            await batch.ExecuteNonQueryAsync();
        }

        // A minute of traffic between two vacuums: messages written and removed, their dead rows still in the table.
        await Execute(connection, """INSERT INTO "OutboxMessage" ("InboxMessageId", "InboxConsumerId", "MessageId", "ContentType", "MessageType", "Body", "Headers", "SentTime") SELECT NULL, NULL, gen_random_uuid(), 'application/json', 'x', repeat('x', 1500), '{}', now() FROM generate_series(1, 2000)""");
        await Execute(connection, """DELETE FROM "OutboxMessage" WHERE "Body" <> '{}'""");

        var name = await Scalar(connection, """SELECT name FROM pg_prepared_statements WHERE statement LIKE 'DELETE FROM "OutboxMessage"%'""");
        Assert.That(name, Is.Not.Null, "the removal was not prepared");
        var plan = await Scalar(connection, $"EXPLAIN (COSTS OFF) EXECUTE {name}('{Guid.NewGuid()}', '{consumer}')");
        Assert.That(plan, Does.Contain("Index").And.Not.Contain("Seq Scan"), "the removal walks the table's dead rows");

        static async Task Execute(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        static async Task<string?> Scalar(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(0));
            return lines.Count == 0 ? null : string.Join('\n', lines);
        }
    }

    static Task<string> Setting(TestDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();
}
