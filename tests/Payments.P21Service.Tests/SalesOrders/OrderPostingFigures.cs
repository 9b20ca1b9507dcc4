using System.Diagnostics;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.SalesOrders;

/// <summary>Prints what one order costs against the simulator (calls by route, wall time); asserts only that every order was made once.</summary>
[TestFixture]
public class When_measuring_order_posting
{
    [Test]
    public async Task Should_print_calls_and_time_per_order()
    {
        const int orders = 100;
        await using var harness = await P21Harness.StartAsync();
        await harness.PostAsync(P21Harness.Payment(P21Seed.AcmeEmail)); // warm-up: token, router, JIT
        var before = harness.Simulator.Requests.Count;

        var watch = Stopwatch.StartNew();
        var payments = Enumerable.Range(0, orders).Select(_ => P21Harness.Payment(P21Seed.AcmeEmail, lines:
            [new OrderLine { Sku = "WIDGET-001", Quantity = 2, UnitAmountMinor = 1250 }, new OrderLine { Sku = "GADGET-200", UnitAmountMinor = 4999 }])).ToList();
        foreach (var payment in payments) await harness.PostAsync(payment);
        watch.Stop();

        var calls = harness.Simulator.Requests.Skip(before).GroupBy(r => r.Route).ToDictionary(g => g.Key!.Value, g => g.Count());
        TestContext.Out.WriteLine($"{orders} orders (known customer by e-mail, 2 lines) in {watch.ElapsedMilliseconds} ms: {watch.Elapsed.TotalMilliseconds / orders:0.0} ms per order");
        foreach (var (route, count) in calls.OrderBy(c => c.Key))
            TestContext.Out.WriteLine($"  {route,-15} {count / (double)orders:0.##} calls per order");

        Assert.That(payments.All(p => harness.Simulator.Store.FindOrdersByReference(p.ChargeId).Count == 1), Is.True);
        Assert.That(calls.GetValueOrDefault(P21Route.Token), Is.Zero, "the token is reused");
    }
}
