using MassTransit;
using Payments.Persistence.Configuration;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.BusOutbox;

/// <summary>
/// The relay is sending and the broker has not confirmed yet (a send held at a gate the test opens). Meanwhile the
/// next webhook commits. On SQLite, whose one write lock a relay transaction would hold for the whole send, this shows
/// whether the relay waits on the broker with a transaction open.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_send_waits_on_the_broker(DatabaseProvider provider)
{
    [Test]
    public async Task Should_let_the_next_webhook_commit_before_the_send_completes()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        var held = NewId.NextGuid();
        // The first send of the test is the relay's send of the first webhook's event (MassTransit runs the bus's send
        // filters before the outbox pipe restores the message's ids, so the gate cannot tell messages apart by id).
        var sends = 0;
        var gate = new SendGate { Affects = _ => Interlocked.Increment(ref sends) == 1 };
        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions { SendGate = gate });
        var next = NewId.NextGuid();

        await TestGateway.AcceptWebhook(host, held, events: 1);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        var commit = TestGateway.AcceptWebhook(host, next, events: 1);
        // A generous bound, not a measurement: the commit must not wait for the gate, which stays shut until after it.
        var finished = await Task.WhenAny(commit, Task.Delay(TimeSpan.FromSeconds(20))) == commit;
        var gateWasShut = !gate.IsOpen;
        gate.Open();
        Exception? failure = null;
        try
        {
            await commit;
        }
        catch (Exception e)
        {
            failure = e;
        }

        Assert.That(finished && gateWasShut && failure == null, Is.True,
            "the webhook's commit waited for the relay's send to the broker" + (failure == null ? "" : $" and failed: {failure.Message}"));
        Assert.That((await host.Log.WaitFor(held, 1)).Count + (await host.Log.WaitFor(next, 1)).Count, Is.EqualTo(2));
    }
}
