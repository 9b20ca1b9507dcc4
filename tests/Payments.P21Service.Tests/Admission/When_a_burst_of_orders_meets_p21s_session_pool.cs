using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.P21Service.Tests.Audit;
using Payments.Persistence.Configuration;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Admission;

/// <summary>
/// 200 order commands at once against a P21 whose five API instances each take 200 ms per Transaction API call and refuse at once any call
/// beyond them (no pool wait). The service admits 40 messages at a time (<c>P21:MaxConcurrentMessages</c>), far more than its five call slots
/// (<c>P21:Http:MaxConcurrentRequests</c> = the pool), so most calls wait for a slot for longer than the 1 s attempt time-out: they must wait
/// outside it. On PostgreSQL, where postings run side by side (ignored without <c>PAYMENTS_TEST_POSTGRES</c>).
/// </summary>
[TestFixture]
public class When_a_burst_of_orders_meets_p21s_session_pool
{
    const int Orders = 200;
    const int PoolSize = 5;

    P21BusHost<OrderPostedStandIn> _host = null!;
    IReadOnlyList<PaymentDetails> _payments = [];
    IReadOnlyList<P21OrderPosted> _posted = [];

    [OneTimeSetUp]
    public async Task Post_a_burst()
    {
        _host = await P21BusHost<OrderPostedStandIn>.StartAsync(settings =>
        {
            settings["P21:SessionPoolSize"] = PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["P21:SessionPoolWait"] = "00:00:00";
            settings["P21:RequestTimeout"] = "00:00:01";
            settings["P21:MaxConcurrentMessages"] = "40";
        }, new P21SimulatorOptions
        {
            SessionPoolSize = PoolSize, SessionPoolWait = TimeSpan.Zero, TransactionLatency = TimeSpan.FromMilliseconds(200),
        }, DatabaseProvider.Postgres);
        _host.Simulator.Pool.ResetPeaks();

        _payments = [.. Enumerable.Range(0, Orders).Select(_ => P21Harness.Payment(P21Seed.AcmeEmail))];
        await Task.WhenAll(_payments.Select(payment => _host.Harness.Bus.Publish(new PostP21Order
        {
            CorrelationId = CorrelationKey.StripePayment(payment.PaymentIntentId, payment.ChargeId).ToGuid(), Payment = payment,
        })));

        // A bound, not an expectation: at the pool's 25 calls a second the burst takes about 8 s.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var charges = _payments.Select(p => p.ChargeId).ToHashSet();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(2); waited += TimeSpan.FromMilliseconds(250))
        {
            _posted = _host.Published<P21OrderPosted>(m => charges.Contains(m.ChargeId));
            if (_posted.Select(m => m.ChargeId).Distinct().Count() == Orders) break;
            await Task.Delay(250);
        }
        await TestContext.Progress.WriteLineAsync($"[p21 burst] {_posted.Count} of {Orders} posted in {started.Elapsed.TotalSeconds:F1} s; pool {_host.Simulator.Pool.State}");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    [Test]
    public void Should_post_every_order_exactly_once()
    {
        Assert.That(_posted.Select(m => m.ChargeId).Distinct().Count(), Is.EqualTo(Orders), "not every order was announced as posted");
        var ordersByCharge = _payments.ToDictionary(p => p.ChargeId, p => _host.Simulator.Store.FindOrdersByReference(p.ChargeId).Count);
        Assert.That(ordersByCharge.Where(o => o.Value != 1).Select(o => $"{o.Key}: {o.Value}"), Is.Empty, "charges with other than one P21 order");
    }

    [Test]
    public void Should_keep_p21s_pool_busy_without_ever_asking_for_more_than_it_holds()
    {
        var pool = _host.Simulator.Pool.State;
        Assert.Multiple(() =>
        {
            Assert.That(pool.Refused, Is.Zero, "P21 refused calls that found its pool full");
            Assert.That(pool.PeakInUse, Is.EqualTo(PoolSize), "the service did not use (or exceeded) P21's sessions");
            Assert.That(pool.Served, Is.GreaterThanOrEqualTo(Orders));
        });
    }

    [Test]
    public void Should_neither_time_out_nor_fail_a_message()
    {
        var failedAttempts = _host.Harness.Consumed.Select<PostP21Order>(m => m.Exception is not null).Select(m => m.Exception!.Message).ToList();
        var refusedCalls = _host.Simulator.Requests.Where(r => r.Route is P21Route.Transaction && r.StatusCode != 200).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failedAttempts, Is.Empty, "attempts failed (a time-out while waiting for a call slot, or P21 refusing)");
            Assert.That(_host.Harness.Published.Select<Fault<PostP21Order>>().Count(), Is.Zero, "orders faulted");
            Assert.That(refusedCalls, Is.Empty, "Transaction API calls that P21 did not answer 200");
        });
    }
}
