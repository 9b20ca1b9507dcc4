using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Tests.BusOutbox;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Benchmarks;

/// <summary>Prints how fast messages go through the inbox/outbox and the bus outbox on this machine; asserts only that none is lost or doubled.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_measuring_outbox_throughput(DatabaseProvider provider)
{
    const int Messages = 200;

    [Test]
    public async Task Should_pass_every_consumed_message_through_exactly_once()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var ids = Enumerable.Range(0, Messages).Select(_ => NewId.NextGuid()).ToList();
        var messageIds = ids.ToDictionary(id => id, _ => NewId.NextGuid());
        var ledgerMessageIds = messageIds.Values.ToList();

        var timer = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(id => host.Harness.Bus.Publish(new Model.PostLedgerEntry(id, 1m), c => c.MessageId = messageIds[id])));
        // The ledger consumer's work: entry stored, inbox row consumed and its event handed to the transport.
        await Eventually.True(() => host.Query(db => db.Set<global::Payments.Persistence.Outbox.InboxState>()
            .CountAsync(i => ledgerMessageIds.Contains(i.MessageId) && i.Delivered != null).ContinueWith(t => t.Result == Messages)), TimeSpan.FromMinutes(2));
        var handled = timer.Elapsed;
        await Eventually.True(() => Task.FromResult(ids.All(id => host.Log.For(id).Count >= 1)), TimeSpan.FromMinutes(2));
        timer.Stop();

        var entries = await host.Query(db => db.LedgerEntries.CountAsync());
        Assert.That(entries, Is.EqualTo(Messages));
        Assert.That(ids.Sum(id => host.Log.For(id).Count), Is.EqualTo(Messages));
        TestContext.Out.WriteLine($"{provider}: {Messages} messages through the inbox/outbox (entry stored, event delivered) in {handled.TotalSeconds:F2} s "
            + $"({Messages / handled.TotalSeconds:F0} msg/s, concurrency 32, 2 cores, in-memory transport); the one-at-a-time recorder "
            + $"had consumed every event after {timer.Elapsed.TotalSeconds:F2} s");
    }

    [Test]
    public async Task Should_relay_every_webhook_event_exactly_once()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var ids = Enumerable.Range(0, Messages).Select(_ => NewId.NextGuid()).ToList();

        var timer = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (id, _) => await TestGateway.AcceptWebhook(host, id, events: 1));
        var committed = timer.Elapsed;
        await Eventually.True(() => Task.FromResult(ids.All(id => host.Log.For(id).Count >= 1)), TimeSpan.FromMinutes(2));
        timer.Stop();

        Assert.That(ids.Sum(id => host.Log.For(id).Count), Is.EqualTo(Messages));
        TestContext.Out.WriteLine($"{provider}: {Messages} webhook records + events committed by 8 writers in {committed.TotalSeconds:F2} s "
            + $"({Messages / committed.TotalSeconds:F0}/s), all relayed and consumed after {timer.Elapsed.TotalSeconds:F2} s");
    }
}
