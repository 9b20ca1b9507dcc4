using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>
/// One outbox holds a message the transport refuses every time (here a destination the in-memory transport cannot
/// use; on RabbitMQ an exchange answering 403/406, a message over the size limit, a nack). The broker itself is up.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_broker_keeps_refusing_one_message(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_the_later_outboxes_and_keep_the_refused_one()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var refused = NewId.NextGuid();
        var later = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, refused, events: 1, damage: m => m.DestinationAddress = TestGateway.RefusedDestination);
        await TestGateway.AcceptWebhook(host, later, events: 2);

        var deliveries = await host.Log.WaitFor(later, 2);
        Assert.That(deliveries.Sequences(), Is.EqualTo(new[] { 1, 2 }), "the refused outbox held back the later one");
        var kept = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == refused));
        Assert.That(kept, Is.EqualTo(1), "the refused message must stay in the outbox");
    }
}
