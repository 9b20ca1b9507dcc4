using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;
using Payments.Persistence.Configuration;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Smtp;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;
using Payments.ZnodeService.Data;
using SimulatedReturn = Payments.Simulators.Znode.Store.ZnodeReturn;

namespace Payments.ZnodeService.Tests.Returns;

/// <summary>
/// The return intake: the poller reads <c>rmareturn/list</c> by modified date from its checkpoint and announces each APPROVED or
/// PARTIALLY APPROVED return once as <see cref="ZnodeReturnApproved"/>, with its order's Stripe transaction id and currency and the
/// approved amount in Znode's decimals (JPY, KWD); a round that fails before its commit leaves nothing behind; two replicas on one
/// database announce each return once (SQLite, and PostgreSQL when PAYMENTS_TEST_POSTGRES is set).
/// </summary>
[TestFixture]
public class When_polling_znode_for_approved_returns
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

    async Task<ZnodeServiceHost> Replica(TestDatabase? database = null)
    {
        if (database is null)
        {
            database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_znode_returns_tests");
            _databases.Add(database);
        }
        var host = await ZnodeServiceHost.StartReplicaAsync(_znode, _mail, database);
        _hosts.Add(host);
        return host;
    }

    /// <summary>A paid order (charge id as its transaction id) with a submitted return of one of its three units.</summary>
    SimulatedReturn PaidOrderWithReturn(string currency, decimal price, string chargeId)
    {
        var order = _znode.PlaceOrder(new ZnodeOrderSpec
        {
            CurrencyCode = currency, PaymentStatus = "CAPTURED", Lines = [new() { Sku = "TEA-1", ProductName = "Tea", Quantity = 3, Price = price }],
        });
        _znode.Store.SetTransactionId(order.OmsOrderId, chargeId, "test");
        return _znode.CreateReturn(order.OrderNumber, [("TEA-1", 1m)]);
    }

    [Test]
    public async Task Should_announce_each_approved_return_once_with_the_charge_currency_and_approved_amount()
    {
        var host = await Replica();
        var yen = PaidOrderWithReturn("JPY", 1200m, "ch_yen");
        var dinar = PaidOrderWithReturn("KWD", 12.345m, "ch_kwd");
        var waiting = PaidOrderWithReturn("USD", 50m, "ch_usd");
        var another = PaidOrderWithReturn("USD", 20m, "ch_usd2");
        _znode.ApproveReturn(yen.ReturnNumber);
        _znode.ApproveReturn(dinar.ReturnNumber, 10.5m);
        _znode.ApproveReturn(another.ReturnNumber);

        var round1 = await host.PollReturnsAsync();
        var round2 = await host.PollReturnsAsync();
        _znode.ApproveReturn(waiting.ReturnNumber, 25m);
        var round3 = await host.PollReturnsAsync();
        var approved = await host.ReceivedAsync<ZnodeReturnApproved>(4);

        var jpy = approved.Single(a => a.ReturnNumber == yen.ReturnNumber);
        var kwd = approved.Single(a => a.ReturnNumber == dinar.ReturnNumber);
        Assert.Multiple(() =>
        {
            Assert.That(approved.Select(a => a.ReturnNumber), Is.EquivalentTo(new[] { yen, dinar, another, waiting }.Select(r => r.ReturnNumber)), "each once");
            Assert.That((round1.Published, round2.Published, round3.Published), Is.EqualTo((3, 0, 1)));
            Assert.That(round1.Listed, Is.GreaterThanOrEqualTo(4), "pages of two (each starting at the last one's latest date), the submitted one among them");
            Assert.That((jpy.ApprovedAmount, jpy.CurrencyCode, jpy.ReturnState, jpy.ChargeId), Is.EqualTo((1200m, "JPY", "APPROVED", "ch_yen")));
            Assert.That((kwd.ApprovedAmount, kwd.CurrencyCode, kwd.ReturnState, kwd.ChargeId), Is.EqualTo((10.5m, "KWD", "PARTIALLY APPROVED", "ch_kwd")));
            Assert.That(kwd.CorrelationId, Is.EqualTo(CorrelationKey.ZnodeReturn(dinar.ReturnNumber).ToGuid()));
            Assert.That(kwd.OrderNumber, Is.EqualTo(dinar.OrderNumber));
            Assert.That(kwd.OmsOrderId, Is.EqualTo(dinar.OmsOrderId));
            Assert.That(kwd.ShopperEmail, Is.EqualTo("shopper@example.com"));
            Assert.That(approved.Single(a => a.ReturnNumber == waiting.ReturnNumber).ApprovedAmount, Is.EqualTo(25m));
            Assert.That(approved.Select(a => a.Source), Is.All.EqualTo("poller"));
        });
    }

    [Test]
    public async Task Should_take_a_page_in_again_when_its_round_failed_before_the_commit()
    {
        var host = await Replica();
        var item = PaidOrderWithReturn("USD", 50m, "ch_1");
        _znode.ApproveReturn(item.ReturnNumber);
        // The return's read fails, its two read retries too: the page does not commit.
        _znode.Faults.FailNext("rmareturn.getreturndetails", Fault.Respond(503), times: 3);

        Assert.ThrowsAsync<TransientFailureException>(() => host.PollReturnsAsync());
        var afterFailure = host.Received<ZnodeReturnApproved>();
        var round = await host.PollReturnsAsync();
        var approved = await host.ReceivedAsync<ZnodeReturnApproved>();

        Assert.Multiple(async () =>
        {
            Assert.That(afterFailure, Is.Empty, "nothing of a page leaves before its commit");
            Assert.That(round.Published, Is.EqualTo(1));
            Assert.That(approved.Single().ReturnNumber, Is.EqualTo(item.ReturnNumber));
            await using var scope = host.Host.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().IntakeReturns.AsNoTracking().SingleAsync();
            Assert.That((row.ReturnNumber, row.Outcome, row.ApprovedAmount, row.Currency), Is.EqualTo((item.ReturnNumber, IntakeOutcomes.Published, 50m, "USD")));
        });
    }

    [Test]
    public async Task Should_record_a_return_whose_order_znode_cannot_give_as_skipped_and_not_announce_it_later()
    {
        var host = await Replica();
        var item = PaidOrderWithReturn("USD", 50m, "ch_1");
        _znode.ApproveReturn(item.ReturnNumber);
        // Znode answers the order's read with 204, as for an order it does not have.
        _znode.Faults.FailNext("orders.getbyordernumber", Fault.Respond(204));

        var first = await host.PollReturnsAsync();
        var second = await host.PollReturnsAsync();
        await Task.Delay(500);

        Assert.Multiple(async () =>
        {
            Assert.That((first.Published, first.Skipped), Is.EqualTo((0, 1)));
            Assert.That((second.Published, second.Skipped), Is.EqualTo((0, 0)), "recorded by number: not taken in again");
            Assert.That(host.Received<ZnodeReturnApproved>(), Is.Empty);
            await using var scope = host.Host.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().IntakeReturns.AsNoTracking().SingleAsync();
            Assert.That((row.Outcome, row.Reason), Is.EqualTo((IntakeOutcomes.Skipped, $"Znode has no order {item.OrderNumber}")));
        });
    }

    [Test]
    public async Task Should_record_a_return_on_an_order_without_a_Stripe_transaction_id_as_skipped()
    {
        var host = await Replica();
        // Paid by purchase order: Znode keeps no transaction id, so there is no charge to refund.
        var order = _znode.PlaceOrder(new ZnodeOrderSpec
        {
            CurrencyCode = "USD", PaymentType = "Purchase Order", PaymentStatus = "CAPTURED",
            Lines = [new() { Sku = "TEA-1", ProductName = "Tea", Quantity = 3, Price = 20m }],
        });
        var item = _znode.CreateReturn(order.OrderNumber, [("TEA-1", 1m)]);
        _znode.ApproveReturn(item.ReturnNumber);
        var paid = PaidOrderWithReturn("USD", 50m, "ch_1");
        _znode.ApproveReturn(paid.ReturnNumber);

        var round = await host.PollReturnsAsync();
        var approved = await host.ReceivedAsync<ZnodeReturnApproved>();
        await Task.Delay(500);

        Assert.Multiple(async () =>
        {
            Assert.That((round.Published, round.Skipped), Is.EqualTo((1, 1)));
            Assert.That(approved.Select(a => a.ReturnNumber), Is.EqualTo(new[] { paid.ReturnNumber }), "only the return of the paid order");
            await using var scope = host.Host.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<ZnodeServiceDbContext>().IntakeReturns.AsNoTracking()
                .SingleAsync(r => r.ReturnNumber == item.ReturnNumber);
            Assert.That((row.Outcome, row.Reason), Is.EqualTo((IntakeOutcomes.Skipped, "order has no Stripe transaction id")));
        });
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task Should_announce_each_return_once_when_two_replicas_poll(DatabaseProvider provider)
    {
        var database = await TestDatabase.Create(provider, "payments_znode_returns_tests");
        _databases.Add(database);
        var a = await Replica(database);
        var b = await Replica(database);
        var returns = new List<SimulatedReturn>();
        var rounds = new List<PollRoundPair>();
        for (var i = 0; i < 4; i++)
        {
            var item = PaidOrderWithReturn("USD", 10m + i, $"ch_{i}");
            _znode.ApproveReturn(item.ReturnNumber);
            returns.Add(item);
            var results = await Task.WhenAll(a.PollReturnsAsync(), b.PollReturnsAsync());
            rounds.Add(new PollRoundPair(results[0].HeldLease, results[1].HeldLease));
        }
        for (var i = 0; i < 300 && a.Received<ZnodeReturnApproved>().Count + b.Received<ZnodeReturnApproved>().Count < returns.Count; i++) await Task.Delay(100);
        await Task.Delay(500);

        var all = a.Received<ZnodeReturnApproved>().Concat(b.Received<ZnodeReturnApproved>()).Select(r => r.ReturnNumber).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(all, Is.EquivalentTo(returns.Select(r => r.ReturnNumber)), "every return once, across both replicas");
            Assert.That(rounds.Select(r => r.A ^ r.B), Is.All.True, "one replica holds the lease in each round");
        });
    }

    sealed record PollRoundPair(bool A, bool B);
}
