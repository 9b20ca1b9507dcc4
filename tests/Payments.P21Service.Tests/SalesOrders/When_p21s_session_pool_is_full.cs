using System.Globalization;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.SalesOrders;

/// <summary>
/// P21 serves the Transaction API from a small pool of API instances, and a call waits in P21 for a free one; a call the client gave
/// up on still runs when its turn comes (docs/external-apis/p21.md#session-pool-and-limits). Times are scaled down: a 4 s pool wait for
/// P21's 60 s, a 1 s request time-out for our 30 s.
/// </summary>
[TestFixture]
public class When_p21s_session_pool_is_full
{
    static readonly TimeSpan PoolWait = TimeSpan.FromSeconds(4);

    static Task<P21Harness> StartAsync() => P21Harness.StartAsync(
        simulator =>
        {
            simulator.SessionPoolSize = 5;
            simulator.SessionPoolWait = PoolWait;
        },
        settings =>
        {
            settings["P21:RequestTimeout"] = "00:00:01";
            settings["P21:SessionPoolWait"] = PoolWait.ToString("c", CultureInfo.InvariantCulture);
        });

    /// <summary>Posts as the message pipeline would: a transient failure is retried, never sooner than its Retry-After.</summary>
    static async Task<P21OrderPosted> PostWithRetriesAsync(P21Harness harness, PaymentDetails payment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await harness.PostAsync(payment);
            }
            catch (TransientFailureException e) when (attempt < 8)
            {
                await Task.Delay(e.RetryAfter ?? TimeSpan.FromMilliseconds(200));
            }
        }
    }

    [Test]
    public async Task Should_post_one_order_when_the_create_waits_in_p21s_pool_longer_than_our_request_time_out()
    {
        await using var harness = await StartAsync();
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        // Other users hold every instance for 3 s: the order create waits in P21's queue, past our 1 s request time-out.
        harness.Simulator.Pool.Occupy(5, TimeSpan.FromSeconds(3));

        var posted = await PostWithRetriesAsync(harness, payment);
        await harness.Simulator.WaitUntilIdleAsync(); // every create P21 still had queued has run

        var orders = harness.Simulator.Store.FindOrdersByReference(payment.ChargeId);
        Assert.Multiple(() =>
        {
            Assert.That(orders.Select(o => o.OrderNo).ToList(), Has.Count.EqualTo(1), "one sales order for the charge");
            Assert.That(orders.Select(o => o.OrderNo).First(), Is.EqualTo(posted.OrderNo));
            Assert.That(harness.Simulator.Pool.State.Refused, Is.Zero);
        });
    }

    [Test]
    public async Task Should_never_keep_more_calls_in_p21_than_its_pool_holds()
    {
        await using var harness = await P21Harness.StartAsync();
        await harness.PostAsync(P21Harness.Payment(P21Seed.AcmeEmail)); // warm: token, UI server
        harness.Simulator.Pool.ResetPeaks();
        // Each create keeps its instance busy for a second, as a slow P21 would.
        harness.Simulator.Faults.Inject(P21Route.Transaction, P21Fault.Slow(TimeSpan.FromSeconds(1)), times: 12);
        var metadata = new Dictionary<string, string> { [StripeMetadataKeys.P21CustomerId] = P21Seed.AcmeCustomerId.ToString(CultureInfo.InvariantCulture) };
        var payments = Enumerable.Range(0, 12).Select(_ => P21Harness.Payment(metadata: metadata)).ToList();

        await Task.WhenAll(payments.Select(harness.PostAsync));

        var pool = harness.Simulator.Pool.State;
        Assert.Multiple(() =>
        {
            Assert.That(pool.PeakInUse, Is.LessThanOrEqualTo(pool.Size));
            Assert.That(pool.PeakWaiting, Is.Zero, "no call of ours waited in P21's queue");
            Assert.That(payments.Select(p => harness.Simulator.Store.FindOrdersByReference(p.ChargeId).Count), Is.All.EqualTo(1));
        });
    }
}
