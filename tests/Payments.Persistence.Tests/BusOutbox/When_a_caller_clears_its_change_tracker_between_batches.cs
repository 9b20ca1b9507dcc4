using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>
/// The usual EF batch loop in one scope: add and publish, SaveChanges, ChangeTracker.Clear(), next batch. Each batch's
/// outbox is delivered (and closed) by the relay before the next batch publishes, so a message that joined a closed
/// outbox would never be sent.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_caller_clears_its_change_tracker_between_batches(DatabaseProvider provider)
{
    const int Batches = 3;

    [Test]
    public async Task Should_deliver_every_batch_in_an_outbox_of_its_own()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var eventIds = Enumerable.Range(0, Batches).Select(_ => NewId.NextGuid()).ToList();

        await host.InScope(async services =>
        {
            var db = services.GetRequiredService<TestDbContext>();
            var publish = services.GetRequiredService<IPublishEndpoint>();
            for (var batch = 0; batch < Batches; batch++)
            {
                db.WebhookRecords.Add(new WebhookRecord { EventId = eventIds[batch].ToString(), ReceivedAt = DateTime.UtcNow });
                await publish.Publish(new WebhookAccepted(eventIds[batch], batch + 1));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();

                Assert.That(await Eventually.True(() => host.Query(o => o.Set<OutboxState>().AllAsync(s => s.Delivered != null)), TimeSpan.FromSeconds(10)),
                    $"batch {batch + 1}'s outbox was not delivered");
            }

            return true;
        });

        var delivered = new List<Delivery>();
        foreach (var eventId in eventIds)
            delivered.AddRange(await host.Log.WaitFor(eventId, 1, TimeSpan.FromSeconds(10)));
        Assert.Multiple(() =>
        {
            Assert.That(delivered.Sequences().ToArray(), Is.EqualTo(new[] { 1, 2, 3 }), "a batch's message joined an outbox the relay had already closed");
            Assert.That(delivered.All(d => d.SenderCommitted), Is.True);
        });
    }
}
