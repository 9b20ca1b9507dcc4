using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Cleanup;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.BusOutbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Cleanup;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_inbox_and_outbox_rows_outlive_the_retention_window(DatabaseProvider provider)
{
    [Test]
    public async Task Should_remove_finished_rows_and_keep_undelivered_ones()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false });
        var relay = host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>();

        var entryId = NewId.NextGuid();
        await host.Harness.Bus.Publish(new PostLedgerEntry(entryId, 3m));
        await host.Log.WaitFor(entryId, 1);
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<InboxState>().CountAsync(i => i.Delivered != null).ContinueWith(t => t.Result == 2))),
            "the ledger consumer and the recorder should both have finished");

        var delivered = NewId.NextGuid();
        await TestGateway.AcceptWebhook(host, delivered, events: 2);
        await relay.DeliverPending(CancellationToken.None);
        await host.Log.WaitFor(delivered, 2);
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<InboxState>().CountAsync(i => i.Delivered != null).ContinueWith(t => t.Result == 4))),
            "the recorder should have finished both webhook events");
        var waiting = NewId.NextGuid();
        await TestGateway.AcceptWebhook(host, waiting, events: 2);

        var early = await host.Query(db => OutboxCleanup.RemoveExpiredAsync(db, DateTime.UtcNow - TimeSpan.FromDays(1)));
        Assert.That(early, Is.EqualTo(default(CleanupResult)), "rows inside the retention window were removed");

        var removed = await host.Query(db => OutboxCleanup.RemoveExpiredAsync(db, DateTime.UtcNow + TimeSpan.FromMinutes(1)));

        var inboxLeft = await host.Query(db => db.Set<InboxState>().CountAsync());
        var outboxesLeft = await host.Query(db => db.Set<OutboxState>().Select(o => o.Delivered).ToListAsync());
        var messagesLeft = await host.Query(db => db.Set<OutboxMessage>().Select(m => m.CorrelationId).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(removed.InboxStates, Is.EqualTo(4));
            Assert.That(removed.OutboxStates, Is.Zero, "the relay removed the delivered outbox at delivery; the cleanup finds none");
            Assert.That(inboxLeft, Is.Zero);
            Assert.That(outboxesLeft, Is.EqualTo(new DateTime?[] { null }), "only the undelivered outbox stays");
            Assert.That(messagesLeft, Is.EqualTo(new Guid?[] { waiting, waiting }), "undelivered messages must never be removed");
        });
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_cleanup_service_runs(DatabaseProvider provider)
{
    [Test]
    public async Task Should_remove_rows_past_the_retention_window()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions
        {
            ConfigureServices = services => services.AddPaymentsOutboxCleanup<TestDbContext>(o =>
            {
                o.Retention = TimeSpan.FromMilliseconds(1);
                o.Interval = TimeSpan.FromMilliseconds(100);
            }),
        });
        var eventId = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, eventId, events: 1);
        await host.Log.WaitFor(eventId, 1);

        Assert.That(await Eventually.True(async () =>
                await host.Query(db => db.Set<OutboxState>().AnyAsync()) == false
                && await host.Query(db => db.Set<InboxState>().AnyAsync()) == false
                && await host.Query(db => db.Set<OutboxMessage>().AnyAsync()) == false),
            "finished rows were not swept");
    }
}
