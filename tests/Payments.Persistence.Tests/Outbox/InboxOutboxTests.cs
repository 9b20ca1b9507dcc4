using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Outbox;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_message_is_redelivered_with_the_same_MessageId(DatabaseProvider provider)
{
    [Test]
    public async Task Should_post_the_ledger_entry_once()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var entryId = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 42m), context =>
        {
            context.MessageId = messageId;
            context.TimeToLive = TimeSpan.FromHours(1);
        });
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.Delivered != null))),
            "the first delivery did not finish");
        await host.Log.WaitFor(entryId, 1);

        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 42m), context =>
        {
            context.MessageId = messageId;
            context.TimeToLive = TimeSpan.FromHours(1);
        });
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.ReceiveCount == 2))),
            "the redelivery was not received");

        var expiration = await host.Query(db => db.Set<InboxState>().Where(i => i.MessageId == messageId).Select(i => i.ExpirationTime).SingleAsync());
        Assert.That(expiration, Is.Not.Null, "the message's time-to-live is kept with its inbox row");
        var entries = await host.Query(db => db.LedgerEntries.CountAsync(e => e.CorrelationId == entryId));
        var pending = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.InboxMessageId == messageId));
        Assert.Multiple(() =>
        {
            Assert.That(entries, Is.EqualTo(1), "the ledger entry was posted twice");
            Assert.That(pending, Is.Zero, "the redelivery queued the event again");
            Assert.That(host.Log.For(entryId), Has.Count.EqualTo(1), "LedgerEntryPosted was delivered twice");
        });
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_consumer_publishes(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_only_after_its_transaction_committed()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var entryId = NewId.NextGuid();

        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 7m));

        var deliveries = await host.Log.WaitFor(entryId, 1);
        Assert.That(deliveries, Has.Count.EqualTo(1));
        Assert.That(deliveries[0].SenderCommitted, Is.True, "LedgerEntryPosted arrived before the ledger entry was committed");
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_consumer_fails_after_publishing(DatabaseProvider provider)
{
    [Test]
    public async Task Should_neither_store_nor_deliver_anything()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var entryId = NewId.NextGuid();

        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 7m, FailAfterPublish: true));

        Assert.That(await host.Harness.Published.Any<Fault<PostLedgerEntry>>(m => m.Context.Message.Message.CorrelationId == entryId),
            "the consumer did not fail");
        // Let a later message go the same way to the recorder before looking for anything the failed one let out.
        var markerId = NewId.NextGuid();
        await host.Harness.Bus.Publish(new PostLedgerEntry(markerId, 1m));
        await host.Log.WaitFor(markerId, 1);

        var entries = await host.Query(db => db.LedgerEntries.CountAsync(e => e.CorrelationId == entryId));
        var queued = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == entryId));
        Assert.Multiple(() =>
        {
            Assert.That(entries, Is.Zero, "the failed consume's write was committed");
            Assert.That(queued, Is.Zero, "the failed consume's publish was stored");
            Assert.That(host.Log.For(entryId), Is.Empty, "the failed consume's publish was delivered");
        });
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_broker_fails_after_the_consumer_committed(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_the_stored_event_on_redelivery_without_running_the_consumer_again()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var entryId = NewId.NextGuid();
        var messageId = NewId.NextGuid();
        host.Outage.Affects = send => send.DestinationAddress?.AbsolutePath.Contains(nameof(LedgerEntryPosted)) == true;
        host.Outage.Down = true;

        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 9m), context => context.MessageId = messageId);
        await host.Outage.FirstFailure.WaitAsync(TimeSpan.FromSeconds(30));

        var inbox = await host.Query(db => db.Set<InboxState>().AsNoTracking().SingleAsync(i => i.MessageId == messageId));
        var stored = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.InboxMessageId == messageId));
        Assert.Multiple(async () =>
        {
            Assert.That(inbox.Consumed, Is.Not.Null, "the consumer's transaction committed before delivery");
            Assert.That(inbox.Delivered, Is.Null);
            Assert.That(stored, Is.EqualTo(1), "the event waits in the outbox");
            Assert.That(await host.Query(db => db.LedgerEntries.CountAsync(e => e.CorrelationId == entryId)), Is.EqualTo(1));
        });

        host.Outage.Down = false;
        // The same message again, as a redelivery or a replay from the error queue would bring it.
        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 9m), context => context.MessageId = messageId);

        var deliveries = await host.Log.WaitFor(entryId, 1);
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.Delivered != null))),
            "the redelivery did not finish the outbox");
        var entries = await host.Query(db => db.LedgerEntries.CountAsync(e => e.CorrelationId == entryId));
        var receives = await host.Query(db => db.Set<InboxState>().Where(i => i.MessageId == messageId).Select(i => i.ReceiveCount).SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(entries, Is.EqualTo(1), "the consumer ran again");
            Assert.That(deliveries, Has.Count.EqualTo(1));
            Assert.That(receives, Is.EqualTo(2));
        });
    }
}
