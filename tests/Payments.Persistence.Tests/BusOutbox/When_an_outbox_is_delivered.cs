using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>
/// Nothing reads a delivered bus outbox again (duplicates are detected by the consumers' InboxState, the gateway's by
/// its webhook records), so its rows go at delivery, as MassTransit's BusOutboxDeliveryService removes them: the relay's
/// tables hold only what is still to be sent, and a pass costs the same however much was delivered before.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_outbox_is_delivered(DatabaseProvider provider)
{
    [Test]
    public async Task Should_remove_the_outbox_and_its_messages()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var eventId = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, eventId, events: 3);
        await host.Log.WaitFor(eventId, 3);

        Assert.That(await Eventually.True(async () =>
                !await host.Query(db => db.Set<OutboxState>().AnyAsync())
                && !await host.Query(db => db.Set<OutboxMessage>().AnyAsync(m => m.OutboxId != null))),
            "the delivered outbox's rows were kept");
    }
}
