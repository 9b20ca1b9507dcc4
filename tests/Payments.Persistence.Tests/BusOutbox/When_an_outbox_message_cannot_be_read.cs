using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>An outbox row whose stored headers are not readable (damaged by hand, or written by another version).</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_outbox_message_cannot_be_read(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_the_other_outboxes_and_keep_it()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var unreadable = NewId.NextGuid();
        var later = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, unreadable, events: 1, damage: m => m.Headers = "{\"MT-Activity-Id\": ");
        await TestGateway.AcceptWebhook(host, later, events: 1);

        var deliveries = await host.Log.WaitFor(later, 1);
        Assert.That(deliveries, Has.Count.EqualTo(1), "the unreadable row stopped the relay");
        var kept = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == unreadable));
        Assert.That(kept, Is.EqualTo(1));
        Assert.That(host.Log.For(unreadable), Is.Empty);
    }
}
