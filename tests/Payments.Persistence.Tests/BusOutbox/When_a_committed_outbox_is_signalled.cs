using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>
/// The gateway's commit tells the relay which outbox it committed, and the relay claims that one by key: on PostgreSQL, where a
/// delivered outbox's index entry outlives its row until VACUUM, a look for due outboxes per webhook walked every such entry.
/// SQLite has no such entries, and there the relay looks for due outboxes as before.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_committed_outbox_is_signalled(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_it_without_looking_for_due_outboxes()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        var log = new CommandLog();
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions
        {
            RunRelay = false,
            Commands = log,
        });
        var signal = host.Services.GetRequiredService<BusOutboxSignal<TestDbContext>>();
        var relay = host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>();
        var eventId = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, eventId, events: 2);
        var committed = signal.TakeCommitted();
        var stored = await host.Query(db => db.Set<OutboxState>().Select(o => o.OutboxId).ToListAsync());
        log.Clear();
        var pass = await relay.DeliverCommitted(committed, CancellationToken.None);

        Assert.That(committed, Is.EqualTo(stored), "the signal named another outbox than the one committed");
        Assert.That(pass.Sent, Is.EqualTo(2));
        Assert.That(pass.LeftSome, Is.False);
        Assert.That((await host.Log.WaitFor(eventId, 2)).Sequences(), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(await host.Query(db => db.Set<OutboxState>().AnyAsync()), Is.False, "the delivered outbox was kept");
        // A look for due outboxes reads by the due conditions (the EXISTS, then the claim ordered by Created).
        var looks = log.Commands.Where(c => c.Text.Contains("\"ClaimedUntil\" IS NULL OR", StringComparison.Ordinal)).Select(c => c.Text).ToList();
        if (provider == DatabaseProvider.Postgres)
        {
            Assert.That(looks, Is.Empty, "the relay looked for due outboxes instead of claiming the committed one by key");
            Assert.That(log.Commands.Count(c => c.Text.Contains("= ANY(", StringComparison.Ordinal) && c.Text.Contains("FOR UPDATE", StringComparison.Ordinal)),
                Is.EqualTo(1), "one claim by key");
            Assert.That(pass.Looked, Is.False);
        }
        else
        {
            Assert.That(looks, Is.Not.Empty);
            Assert.That(pass.Looked, Is.True, "on SQLite the relay looks for due outboxes");
        }
    }

    [Test]
    public async Task Should_skip_what_it_does_not_find_due_and_say_so()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false });
        var signal = host.Services.GetRequiredService<BusOutboxSignal<TestDbContext>>();
        var relay = host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>();
        var held = NewId.NextGuid();
        var free = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, held, events: 1);
        var heldOutbox = signal.TakeCommitted().Single();
        // Another relay's live claim.
        await host.Query(db => db.Set<OutboxState>().Where(o => o.OutboxId == heldOutbox)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedUntil, DateTime.UtcNow.AddMinutes(1)).SetProperty(o => o.LockId, NewId.NextGuid())));
        await TestGateway.AcceptWebhook(host, free, events: 1);
        var freeOutbox = signal.TakeCommitted().Single();
        var neverCommitted = NewId.NextGuid();

        var pass = await relay.DeliverCommitted([heldOutbox, neverCommitted, freeOutbox], CancellationToken.None);

        Assert.That(pass.Sent, Is.EqualTo(1));
        Assert.That(pass.LeftSome, Is.EqualTo(provider == DatabaseProvider.Postgres), "on PostgreSQL the pass says it left outboxes it was given");
        await host.Log.WaitFor(free, 1);
        Assert.That(host.Log.For(held), Is.Empty, "the outbox another relay holds was sent");
        Assert.That(await host.Query(db => db.Set<OutboxState>().Select(o => o.OutboxId).ToListAsync()), Is.EqualTo(new[] { heldOutbox }));
    }
}

public class When_more_outboxes_are_signalled_than_kept
{
    [Test]
    public void Should_keep_the_first_ones_and_ask_for_a_look_for_due_outboxes()
    {
        var signal = new BusOutboxSignal<TestDbContext>(Microsoft.Extensions.Options.Options.Create(new OutboxDeliveryServiceOptions()));
        var ids = Enumerable.Range(0, BusOutboxSignal<TestDbContext>.MaxCommitted + 3).Select(_ => NewId.NextGuid()).ToList();

        Assert.That(signal.TakeScanRequest(), Is.False);
        foreach (var id in ids)
            signal.Committed(id);

        Assert.That(signal.TakeCommitted(), Is.EqualTo(ids.Take(BusOutboxSignal<TestDbContext>.MaxCommitted)));
        Assert.That(signal.TakeScanRequest(), Is.True, "outboxes past the limit were signalled but nothing asks for them");
        Assert.That(signal.TakeScanRequest(), Is.False);
        signal.Committed(ids[0]);
        Assert.That(signal.TakeCommitted(), Is.EqualTo(new[] { ids[0] }), "the count did not go down as ids were taken");
    }
}
