using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>The bus reports itself not healthy (stopped here; on RabbitMQ, its connection lost).</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_bus_is_not_healthy(DatabaseProvider provider)
{
    [Test]
    public async Task Should_send_nothing_until_it_is()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { RunRelay = false });
        var relay = host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>();
        var bus = host.Services.GetRequiredService<IBusControl>();
        var eventId = NewId.NextGuid();
        await TestGateway.AcceptWebhook(host, eventId, events: 1);

        await bus.StopAsync();
        Assume.That(bus.CheckHealth().Status, Is.Not.EqualTo(BusHealthStatus.Healthy));
        var sendsBefore = host.Outage.Sends;
        await relay.DeliverPending(CancellationToken.None);
        var attemptedWhileUnhealthy = host.Outage.Sends - sendsBefore;
        var pending = await host.Query(db => db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == eventId));

        Assert.Multiple(() =>
        {
            Assert.That(attemptedWhileUnhealthy, Is.Zero, "the relay sent to a bus that is not healthy");
            Assert.That(pending, Is.EqualTo(1));
        });
    }
}
