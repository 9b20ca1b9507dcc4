using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

static class TestGateway
{
    /// <summary>What the gateway does per webhook: store the record and publish its events, then commit once.</summary>
    /// <param name="damage">Changes the outbox rows before the commit, e.g. to a destination the transport refuses.</param>
    public static Task AcceptWebhook(PersistenceHost host, Guid eventId, int events, bool save = true, Action<OutboxMessage>? damage = null) =>
        host.InScope<bool>(async services =>
        {
            var db = services.GetRequiredService<TestDbContext>();
            var publish = services.GetRequiredService<IPublishEndpoint>();
            db.WebhookRecords.Add(new WebhookRecord { EventId = eventId.ToString(), ReceivedAt = DateTime.UtcNow });
            for (var sequence = 1; sequence <= events; sequence++)
                await publish.Publish(new WebhookAccepted(eventId, sequence));
            if (damage != null)
            {
                foreach (var message in db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity))
                    damage(message);
            }
            if (save)
                await db.SaveChangesAsync();
            return true;
        });

    /// <summary>An address the in-memory transport cannot send to, as a broker refuses an exchange it will not let us use.</summary>
    public static readonly Uri RefusedDestination = new("smtp://nowhere/refused");

    public static IEnumerable<int> Sequences(this IEnumerable<Delivery> deliveries) =>
        deliveries.Select(d => ((WebhookAccepted)d.Message).Sequence);
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_gateway_stores_a_webhook_and_publishes(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_after_the_commit_in_order()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var eventId = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, eventId, events: 3);

        var deliveries = await host.Log.WaitFor(eventId, 3);
        Assert.That(deliveries.Sequences(), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(deliveries.All(d => d.SenderCommitted), Is.True, "an event arrived before the webhook record was committed");
        Assert.That(await Eventually.True(async () => !await host.Query(db => db.Set<OutboxState>().AnyAsync())),
            "the delivered outbox was not removed");
    }

    [Test]
    public async Task Should_deliver_nothing_when_the_transaction_is_not_saved()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false });
        var eventId = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, eventId, events: 2, save: false);
        var sent = (await host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>().DeliverPending(CancellationToken.None)).Sent;

        Assert.Multiple(async () =>
        {
            Assert.That(sent, Is.Zero);
            Assert.That(await host.Query(db => db.Set<OutboxMessage>().CountAsync()), Is.Zero);
            Assert.That(await host.Query(db => db.WebhookRecords.CountAsync()), Is.Zero);
        });
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_broker_is_down_while_the_relay_delivers(DatabaseProvider provider)
{
    [Test]
    public async Task Should_keep_the_messages_and_deliver_them_in_order_once_it_is_back()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var eventId = NewId.NextGuid();

        host.Outage.Down = true;
        await TestGateway.AcceptWebhook(host, eventId, events: 3);
        await host.Outage.FirstFailure.WaitAsync(TimeSpan.FromSeconds(30));

        var pending = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == eventId));
        var undelivered = await host.Query(db => db.Set<OutboxState>().CountAsync(o => o.Delivered == null));
        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.EqualTo(3), "messages were lost during the outage");
            Assert.That(undelivered, Is.EqualTo(1));
            Assert.That(host.Log.For(eventId), Is.Empty);
        });

        host.Outage.Down = false;

        var deliveries = await host.Log.WaitFor(eventId, 3);
        Assert.That(deliveries.Sequences(), Is.EqualTo(new[] { 1, 2, 3 }));
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_process_stops_before_the_relay_delivered(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_after_the_restart()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        var eventId = NewId.NextGuid();

        await using (var crashed = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false }))
            await TestGateway.AcceptWebhook(crashed, eventId, events: 3);

        await using var restarted = await PersistenceHost.Start(database);
        var deliveries = await restarted.Log.WaitFor(eventId, 3);
        Assert.That(deliveries.Sequences(), Is.EqualTo(new[] { 1, 2, 3 }));
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_two_relays_share_one_database(DatabaseProvider provider)
{
    [Test]
    public async Task Should_send_every_message_exactly_once()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var first = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false });
        await using var second = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false });
        var eventIds = Enumerable.Range(0, 30).Select(_ => NewId.NextGuid()).ToList();
        foreach (var eventId in eventIds)
            await TestGateway.AcceptWebhook(first, eventId, events: 2);

        var sent = await Task.WhenAll(
            first.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>().DeliverPending(CancellationToken.None),
            second.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>().DeliverPending(CancellationToken.None));

        Assert.That(sent.Sum(p => p.Sent), Is.EqualTo(60), "relays together must send each message once");
        foreach (var eventId in eventIds)
        {
            await Eventually.True(() => Task.FromResult(first.Log.For(eventId).Count + second.Log.For(eventId).Count >= 2));
            var received = first.Log.For(eventId).Concat(second.Log.For(eventId)).ToList();
            Assert.That(received.Sequences(), Is.EquivalentTo(new[] { 1, 2 }), $"event {eventId}");
        }
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_same_webhook_arrives_twice(DatabaseProvider provider)
{
    [Test]
    public async Task Should_reject_the_copy_as_a_duplicate_and_publish_once()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        // The relay runs by hand, so the stored rows are counted before it removes what it delivered.
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false });
        var eventId = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, eventId, events: 1);
        var duplicate = Assert.ThrowsAsync<DbUpdateException>(() => TestGateway.AcceptWebhook(host, eventId, events: 1));

        Assert.That(Payments.Persistence.Concurrency.ConcurrencyConflicts.IsUniqueViolation(duplicate!), Is.True,
            "the gateway recognises a stored event id by this");
        var stored = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == eventId));
        Assert.That(stored, Is.EqualTo(1), "the duplicate's event must roll back with its webhook record");
        var sent = (await host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>().DeliverPending(CancellationToken.None)).Sent;
        Assert.That(sent, Is.EqualTo(1));
        await host.Log.WaitFor(eventId, 1);
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_host_stops_while_the_relay_sends(DatabaseProvider provider)
{
    [Test]
    public async Task Should_stop_after_the_send_under_way_and_keep_its_progress()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        using var stopping = new CancellationTokenSource();
        // The stop arrives while the first message is being sent (the outage hook sees each send, and breaks none).
        var outage = new BrokerOutage { Down = true, Affects = _ => { stopping.Cancel(); return false; } };
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false, Outage = outage });
        var eventId = NewId.NextGuid();
        await TestGateway.AcceptWebhook(host, eventId, events: 3);
        var relay = host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>();

        var sentBeforeTheStop = (await relay.DeliverPending(stopping.Token)).Sent;
        var outbox = await host.Query(db => db.Set<OutboxState>().AsNoTracking().SingleAsync());
        outage.Down = false;
        var sentAfterTheRestart = (await relay.DeliverPending(CancellationToken.None)).Sent;
        var deliveries = await host.Log.WaitFor(eventId, 3);

        Assert.Multiple(() =>
        {
            Assert.That(sentBeforeTheStop, Is.EqualTo(1), "the send under way completes; none starts after the stop");
            Assert.That(outbox.LastSequenceNumber, Is.EqualTo(1), "the progress of the stopped round is saved");
            Assert.That(outbox.Delivered, Is.Null);
            Assert.That(sentAfterTheRestart, Is.EqualTo(2), "nothing is sent twice");
            Assert.That(deliveries.Sequences(), Is.EqualTo(new[] { 1, 2, 3 }));
        });
    }
}
