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
/// Under load many webhooks commit while the relay is busy: it claims the due outboxes a batch at a time
/// (Database:Outbox:ClaimBatchSize) and records each batch in one transaction, so its bookkeeping does not cost two
/// transactions per webhook. Each outbox's messages still leave in order and every outbox goes once sent.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_several_outboxes_are_due(DatabaseProvider provider)
{
    const int Webhooks = 5;
    const int BatchSize = 3;

    [Test]
    public async Task Should_claim_and_record_them_a_batch_at_a_time()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        var log = new CommandLog();
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions
        {
            RunRelay = false,
            Settings = { ["Database:Outbox:ClaimBatchSize"] = BatchSize.ToString() },
            Commands = log,
        });
        var eventIds = Enumerable.Range(0, Webhooks).Select(_ => NewId.NextGuid()).ToList();
        foreach (var eventId in eventIds)
            await TestGateway.AcceptWebhook(host, eventId, events: 2);
        log.Clear();

        var pass = await host.Services.GetRequiredService<BusOutboxRelay<TestDbContext>>().DeliverPending(CancellationToken.None);

        var claims = log.Commands.Count(c => c.Text.Contains("FROM \"OutboxState\"", StringComparison.Ordinal)
                                             && c.Text.Contains("ORDER BY \"Created\"", StringComparison.Ordinal));
        Assert.Multiple(async () =>
        {
            Assert.That(pass.Sent, Is.EqualTo(Webhooks * 2));
            // Batches of 3 and 2, and no claim after the short one (it took all that was due); one outbox per claim took 5.
            Assert.That(claims, Is.EqualTo(2), "claim statements in the pass");
            foreach (var eventId in eventIds)
                Assert.That((await host.Log.WaitFor(eventId, 2)).Sequences(), Is.EqualTo(new[] { 1, 2 }), "each outbox's messages in order");
            Assert.That(await host.Query(db => db.Set<OutboxState>().AnyAsync()), Is.False, "a sent outbox was kept");
            Assert.That(await host.Query(db => db.Set<OutboxMessage>().AnyAsync()), Is.False, "a sent message was kept");
        });

        if (provider == DatabaseProvider.Postgres)
        {
            // Claim and record of each batch: none waits for a disk flush.
            Assert.That(log.Commands.Count(c => c.Text.Contains("synchronous_commit = off", StringComparison.Ordinal)), Is.EqualTo(4));
            // ... and none walks the outbox tables' dead rows through a generic plan made while they were small.
            Assert.That(log.Commands.Count(c => c.Text.Contains("enable_seqscan = off", StringComparison.Ordinal)), Is.EqualTo(4));
        }
    }
}
