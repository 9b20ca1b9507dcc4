using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Persistence.Configuration;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Smtp;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Intake;

namespace Payments.ZnodeService.Tests.Intake;

/// <summary>
/// The Znode 9.x intake: the poller reads <c>orders/list</c> by modified date from its checkpoint, publishes each order that awaits
/// payment once as <see cref="ZnodeOrderPlaced"/>, and keeps the checkpoint in the service's database, across a restart, a failed
/// round and two replicas on one database (SQLite, and PostgreSQL when PAYMENTS_TEST_POSTGRES is set).
/// </summary>
[TestFixture]
public class When_polling_znode_for_orders
{
    ZnodeSimulator _znode = null!;
    SmtpCatcher _mail = null!;
    readonly List<TestDatabase> _databases = [];
    readonly List<ZnodeServiceHost> _hosts = [];

    [SetUp]
    public async Task Start()
    {
        _znode = await ZnodeSimulator.StartAsync();
        _mail = await SmtpCatcher.StartAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
        foreach (var database in _databases) await database.DisposeAsync();
        _databases.Clear();
        await _mail.DisposeAsync();
        await _znode.DisposeAsync();
    }

    async Task<TestDatabase> Database(DatabaseProvider provider)
    {
        var database = await TestDatabase.Create(provider, "payments_znode_intake_tests");
        _databases.Add(database);
        return database;
    }

    async Task<ZnodeServiceHost> Replica(TestDatabase database, Action<IDictionary<string, string?>>? settings = null)
    {
        var host = await ZnodeServiceHost.StartReplicaAsync(_znode, _mail, database, settings);
        _hosts.Add(host);
        return host;
    }

    ZnodeOrder Place(string? paymentStatus = null) => _znode.PlaceOrder(new ZnodeOrderSpec { PaymentStatus = paymentStatus });

    static async Task<IntakeCheckpoint> CheckpointOf(ZnodeServiceHost host)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().IntakeCheckpoints.AsNoTracking().SingleAsync();
    }

    [Test]
    public async Task Should_publish_every_order_awaiting_payment_once_over_several_pages_and_rounds()
    {
        var host = await Replica(await Database(DatabaseProvider.Sqlite));
        var first = Enumerable.Range(0, 7).Select(_ => Place()).ToList();
        var paid = Place("CAPTURED");

        var round1 = await host.PollAsync();
        var round2 = await host.PollAsync();
        var later = Place();
        var round3 = await host.PollAsync();
        var placed = await host.ReceivedAsync<ZnodeOrderPlaced>(8);

        Assert.Multiple(() =>
        {
            Assert.That(placed.Select(p => p.OrderNumber), Is.EquivalentTo(first.Append(later).Select(o => o.OrderNumber)), "each once; the captured order is not offered");
            Assert.That(round1.Published, Is.EqualTo(7));
            Assert.That(round1.Skipped, Is.EqualTo(1), $"payment status Captured is not one of Znode:Intake:PaymentStatuses ({paid.OrderNumber})");
            Assert.That(round2.Published + round2.Skipped, Is.Zero, "the overlap reads them again, and they are known by number");
            Assert.That(round3.Published, Is.EqualTo(1));
            Assert.That(placed.Select(p => p.Source), Is.All.EqualTo("poller"));
            Assert.That(placed.First(p => p.OrderNumber == later.OrderNumber).Total, Is.EqualTo(later.Total));
            Assert.That(placed.First(p => p.OrderNumber == later.OrderNumber).Lines, Has.Count.EqualTo(1), "the order was read in full, not from the list row");
        });
    }

    [Test]
    public async Task Should_resume_from_its_checkpoint_after_a_restart_and_miss_nothing_placed_while_it_was_down()
    {
        var database = await Database(DatabaseProvider.Sqlite);
        Action<IDictionary<string, string?>> shortLease = s => s["Znode:Intake:LeaseDuration"] = "00:00:01";
        var before = Enumerable.Range(0, 4).Select(_ => Place()).ToList();
        var first = await Replica(database, shortLease);
        await first.PollAsync();
        var firstPlaced = await first.ReceivedAsync<ZnodeOrderPlaced>(4);
        var checkpoint = await CheckpointOf(first);
        await first.DisposeAsync();
        _hosts.Remove(first);

        var whileDown = Enumerable.Range(0, 2).Select(_ => Place()).ToList();
        var restarted = await Replica(database, shortLease);
        // The first one stopped as a crash would: its lease is left to expire, and nobody polls until then.
        for (var i = 0; i < 50 && await HolderAsync(restarted) is not null; i++) await Task.Delay(100);
        var round = await restarted.PollAsync();
        var afterRestart = await restarted.ReceivedAsync<ZnodeOrderPlaced>(2);

        Assert.Multiple(async () =>
        {
            Assert.That(firstPlaced.Select(p => p.OrderNumber), Is.EquivalentTo(before.Select(o => o.OrderNumber)));
            Assert.That(round.HeldLease, Is.True);
            Assert.That(afterRestart.Select(p => p.OrderNumber), Is.EquivalentTo(whileDown.Select(o => o.OrderNumber)), "only the new orders, none again");
            Assert.That(round.Listed, Is.GreaterThanOrEqualTo(6), "the overlap reads the earlier orders again");
            Assert.That((await CheckpointOf(restarted)).ModifiedThroughUtc, Is.GreaterThanOrEqualTo(checkpoint.ModifiedThroughUtc));
        });
    }

    [Test]
    public async Task Should_take_a_page_in_again_when_its_round_failed_before_the_commit()
    {
        var host = await Replica(await Database(DatabaseProvider.Sqlite));
        var orders = Enumerable.Range(0, 3).Select(_ => Place()).ToList();
        // The first order's read fails, its two read retries too: the page does not commit, and the checkpoint stays.
        _znode.Faults.FailNext("orders.get", Fault.Respond(503), times: 3);

        Assert.ThrowsAsync<TransientFailureException>(() => host.PollAsync());
        var afterFailure = host.Received<ZnodeOrderPlaced>();
        var round = await host.PollAsync();
        var placed = await host.ReceivedAsync<ZnodeOrderPlaced>(3);

        Assert.Multiple(() =>
        {
            Assert.That(afterFailure, Is.Empty, "nothing of a page leaves before its commit");
            Assert.That(round.Published, Is.EqualTo(3));
            Assert.That(placed.Select(p => p.OrderNumber), Is.EquivalentTo(orders.Select(o => o.OrderNumber)));
        });
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task Should_poll_from_one_replica_at_a_time_and_publish_each_order_once(DatabaseProvider provider)
    {
        var database = await Database(provider);
        Action<IDictionary<string, string?>> polling = s =>
        {
            s["Znode:Intake:Poll"] = "true";
            s["Znode:Intake:PollInterval"] = "00:00:00.200";
            s["Znode:Intake:LeaseDuration"] = "00:00:03";
        };
        var a = await Replica(database, polling);
        var b = await Replica(database, polling);
        var orders = new List<ZnodeOrder>();
        for (var i = 0; i < 12; i++)
        {
            orders.Add(Place());
            await Task.Delay(60);
        }
        await WaitUntilAsync(() => a.Received<ZnodeOrderPlaced>().Count + b.Received<ZnodeOrderPlaced>().Count >= orders.Count);

        // The holder stops (its lease released); the other one takes over and misses nothing placed meanwhile.
        var holder = await HolderAsync(a);
        var (stopping, staying) = holder == a.Poller.Holder ? (a, b) : (b, a);
        var stoppedWith = stopping.Received<ZnodeOrderPlaced>().Select(p => p.OrderNumber).ToList();
        await stopping.DisposeAsync();
        _hosts.Remove(stopping);
        var afterStop = Enumerable.Range(0, 3).Select(_ => Place()).ToList();
        await WaitUntilAsync(() => staying.Received<ZnodeOrderPlaced>().Count(p => afterStop.Any(o => o.OrderNumber == p.OrderNumber)) == 3);
        await Task.Delay(1000); // rounds enough for a duplicate to show

        var all = stoppedWith.Concat(staying.Received<ZnodeOrderPlaced>().Select(p => p.OrderNumber)).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(all, Is.EquivalentTo(orders.Concat(afterStop).Select(o => o.OrderNumber)), "every order once, across both replicas");
            Assert.That(await HolderAsync(staying), Is.EqualTo(staying.Poller.Holder));
        });
        TestContext.Out.WriteLine($"{provider}: the first holder published {stoppedWith.Count} of the first {orders.Count}; the other took over after its stop.");
    }

    static async Task<string?> HolderAsync(ZnodeServiceHost host)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var lease = await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().PollerLeases.AsNoTracking().SingleOrDefaultAsync();
        return lease is not null && lease.ExpiresAtUtc > DateTime.UtcNow ? lease.Holder : null;
    }

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(100);
        Assert.That(condition(), Is.True, "not within 30 s");
    }
}
