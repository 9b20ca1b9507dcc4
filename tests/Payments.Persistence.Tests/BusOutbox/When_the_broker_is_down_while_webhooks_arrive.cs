using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>
/// The broker is unreachable and webhooks keep committing, each of which signals the relay. A relay that retried on
/// every signal would hit the broker (and, on SQLite, take the write lock) once per webhook during an outage.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_broker_is_down_while_webhooks_arrive(DatabaseProvider provider)
{
    [Test]
    public async Task Should_back_off_instead_of_retrying_on_every_webhook()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions
        {
            Settings = { ["Database:Outbox:RetryDelay"] = "00:00:30" },
        });
        host.Outage.Down = true;
        var eventIds = Enumerable.Range(0, 20).Select(_ => NewId.NextGuid()).ToList();

        await TestGateway.AcceptWebhook(host, eventIds[0], events: 1);
        await host.Outage.FirstFailure.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var eventId in eventIds.Skip(1))
            await TestGateway.AcceptWebhook(host, eventId, events: 1);
        // Let the relay see the signals of the last commits.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.That(host.Outage.FailedSends, Is.LessThanOrEqualTo(2), "the relay retried on the webhooks' signals instead of backing off");
        var pending = await host.Query(db => db.Set<OutboxMessage>().CountAsync());
        Assert.That(pending, Is.EqualTo(20), "a message was lost during the outage");
    }
}
