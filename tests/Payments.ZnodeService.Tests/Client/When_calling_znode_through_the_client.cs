using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.Tests.Client;

/// <summary>The Refit client and its pipeline against the Znode simulator: auth, envelope, Znode's status habits, retries, 429s and the rate limit.</summary>
[TestFixture]
public class When_calling_znode_through_the_client
{
    ZnodeSimulator _znode = null!;
    IHost _host = null!;
    ZnodeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _znode = await ZnodeSimulator.StartAsync();
        _host = ZnodeClients.Build(_znode);
        _client = _host.Client();
    }

    [TearDown]
    public async Task Stop()
    {
        _host.Dispose();
        await _znode.DisposeAsync();
    }

    ZnodeOrder Place() => _znode.PlaceOrder(new ZnodeOrderSpec
    {
        Email = "kim@example.com", CurrencyCode = "USD", TaxCost = 8.25m, ShippingCost = 5m,
        Lines = [new() { Sku = "ABC-1", ProductName = "Widget", Quantity = 2, Price = 50m }],
        BillingAddress = new() { FirstName = "Kim", Address1 = "1 Main St", CityName = "Columbus", StateName = "OH", PostalCode = "43004", CountryName = "US" },
    });

    [Test]
    public async Task Should_read_an_order_through_Znodes_envelope()
    {
        var placed = Place();

        var order = await _client.GetOrderAsync(placed.OmsOrderId, withHistory: false, CancellationToken.None);
        var byNumber = await _client.GetOrderByNumberAsync(placed.OrderNumber, withHistory: false, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(order!.OrderNumber, Is.EqualTo(placed.OrderNumber));
            Assert.That(order.Total, Is.EqualTo(113.25m));
            Assert.That(order.Email, Is.EqualTo("kim@example.com"));
            Assert.That(order.PaymentStatus, Is.EqualTo("Pending"));
            Assert.That(order.OrderLineItems!.Single().Sku, Is.EqualTo("ABC-1"));
            Assert.That(order.BillingAddress!.CityName, Is.EqualTo("Columbus"));
            Assert.That(byNumber!.OmsOrderId, Is.EqualTo(placed.OmsOrderId));
            Assert.That(_znode.Calls.All.Select(c => c.RequestHeader("Znode-DomainName")), Is.All.EqualTo(_znode.Options.DomainName));
            Assert.That(_znode.Calls.All.Select(c => c.RequestHeader("Znode-UserId")), Is.All.Null, "no acting user unless Znode:UserId is set");
        });
    }

    [Test]
    public async Task Should_read_Znodes_204_as_no_order_and_no_rows()
    {
        var order = await _client.GetOrderAsync(4242, withHistory: false, CancellationToken.None);
        var (orders, total) = await _client.ListOrdersAsync("OrderNumber~eq~NONE", null, 1, 50, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(order, Is.Null);
            Assert.That(orders, Is.Empty);
            Assert.That(total, Is.Zero);
            Assert.That(_znode.Calls.All.Select(c => c.StatusCode), Is.All.EqualTo(204));
        });
    }

    [Test]
    public async Task Should_refuse_wrong_credentials_and_an_unknown_domain_permanently()
    {
        using var wrongKey = ZnodeClients.Build(_znode, s => s["Znode:ApiKey"] = "not-the-key");
        using var wrongDomain = ZnodeClients.Build(_znode, s => s["Znode:DomainName"] = "elsewhere.example");

        var key = Assert.ThrowsAsync<PermanentFailureException>(() => wrongKey.Client().GetOrderAsync(1, false, CancellationToken.None));
        var domain = Assert.ThrowsAsync<PermanentFailureException>(() => wrongDomain.Client().GetOrderAsync(1, false, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(key!.Message, Does.Contain("401").And.Contain("Znode:ApiKey"));
            Assert.That(key.System, Is.EqualTo("Znode"));
            Assert.That(domain!.Message, Does.Contain("8001").And.Contain("Znode:DomainName"));
            Assert.That(_znode.Calls.All.Count(c => c.StatusCode == 401), Is.EqualTo(1), "a refused key is not retried");
        });
    }

    [Test]
    public async Task Should_send_the_acting_user_when_configured()
    {
        using var withUser = ZnodeClients.Build(_znode, s => s["Znode:UserId"] = "2");
        var placed = Place();

        Assert.That(await withUser.Client().SetPaymentStatusAsync(placed.OmsOrderId, "CAPTURED", CancellationToken.None), Is.True);
        Assert.That(_znode.Calls.All.Last().RequestHeader("Znode-UserId"), Is.EqualTo("2"));
    }

    [Test]
    public async Task Should_turn_a_500_with_an_ErrorCode_into_a_permanent_failure_in_Znodes_words()
    {
        var placed = Place();

        var failure = Assert.ThrowsAsync<PermanentFailureException>(() => _client.SetPaymentStatusAsync(placed.OmsOrderId, "PAID", CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("ErrorCode 5").And.Contain("Invalid payment state"));
            Assert.That(failure.System, Is.EqualTo("Znode"));
            Assert.That(_znode.Calls.All, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_turn_a_500_without_an_ErrorCode_into_a_transient_failure()
    {
        var failure = Assert.ThrowsAsync<TransientFailureException>(() =>
            _client.AddHistoryAsync(new ZnodeOrderHistoryModel { OmsOrderId = 999, Message = "lost" }, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("500").And.Contain("FOREIGN KEY"));
    }

    [Test]
    public async Task Should_read_IsSuccess_false_as_a_missing_row()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await _client.SetPaymentStatusAsync(777, "CAPTURED", CancellationToken.None), Is.False);
            Assert.That(await _client.SetTransactionIdAsync(777, "ch_1", CancellationToken.None), Is.False);
            Assert.That(await _client.SetOrderStateAsync(new ZnodeOrderStateUpdate { OmsOrderId = 777, OmsOrderStateId = 10 }, CancellationToken.None), Is.False);
        });
    }

    [Test]
    public async Task Should_retry_a_read_after_a_transient_failure_but_never_a_write()
    {
        var placed = Place();
        _znode.Faults.FailNext("orders.get", Fault.Respond(503), times: 2);
        _znode.Faults.FailNext("orders.updateorderpaymentstatus", Fault.Respond(503));

        var order = await _client.GetOrderAsync(placed.OmsOrderId, false, CancellationToken.None);
        Assert.ThrowsAsync<TransientFailureException>(() => _client.SetPaymentStatusAsync(placed.OmsOrderId, "CAPTURED", CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(order!.OrderNumber, Is.EqualTo(placed.OrderNumber));
            Assert.That(_znode.Calls.All.Where(c => c.Route == "orders.get").Select(c => c.StatusCode), Is.EqualTo(new[] { 503, 503, 200 }));
            Assert.That(_znode.Calls.All.Count(c => c.Route == "orders.updateorderpaymentstatus"), Is.EqualTo(1), "a write is left to the message pipeline");
            Assert.That(_znode.Store.PaymentName(_znode.Store.FindOrder(placed.OmsOrderId)!.OmsPaymentStateId), Is.EqualTo("Pending"));
        });
    }

    [Test]
    public async Task Should_queue_a_burst_through_429s_and_fault_none_of_it()
    {
        var placed = Place();
        _znode.Throttle.Start(permitLimit: 5, window: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var reads = Enumerable.Range(0, 24).Select(_ => _client.GetOrderAsync(placed.OmsOrderId, false, CancellationToken.None));
        var writes = Enumerable.Range(0, 6).Select(i => _client.SetTransactionIdAsync(placed.OmsOrderId, $"ch_{i}", CancellationToken.None));
        var readResults = await Task.WhenAll(reads);
        var writeResults = await Task.WhenAll(writes);
        clock.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(readResults, Has.All.Not.Null);
            Assert.That(writeResults, Has.All.True, "a 429 means Znode did nothing: writes are sent again too");
            Assert.That(_znode.Throttle.Throttled, Is.GreaterThan(0), "the burst met the 429 mode");
            Assert.That(_znode.Throttle.Admitted, Is.EqualTo(30), "each call went through exactly once");
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(4)), "30 calls at 5 a second take five windows at least");
        });
        TestContext.Out.WriteLine($"30 calls through a 5/s 429 mode: {clock.Elapsed.TotalSeconds:0.0} s, {_znode.Throttle.Throttled} answered 429 and queued again.");
    }

    [Test]
    public async Task Should_give_up_as_transient_when_Znode_keeps_answering_429_past_the_wait_limit()
    {
        using var impatient = ZnodeClients.Build(_znode, s => s["Znode:RateLimit:MaxWait"] = "00:00:02");
        var placed = Place();
        await impatient.Client().GetOrderAsync(placed.OmsOrderId, false, CancellationToken.None); // warm: a cold first call may take seconds here
        _znode.Throttle.Start(permitLimit: 1, window: TimeSpan.FromMinutes(1));
        await impatient.Client().GetOrderAsync(placed.OmsOrderId, false, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var failure = Assert.ThrowsAsync<TransientFailureException>(() => impatient.Client().GetOrderAsync(placed.OmsOrderId, false, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("Znode:RateLimit:MaxWait"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the 60 s Retry-After is not waited out past the limit");
            Assert.That(_znode.Throttle.Throttled, Is.EqualTo(1), "paused after the 429, not hammering");
        });
    }

    [Test]
    public async Task Should_hold_its_own_calls_to_the_configured_rate()
    {
        using var limited = ZnodeClients.Build(_znode, s =>
        {
            s["Znode:RateLimit:PermitsPerSecond"] = "10";
            s["Znode:RateLimit:Burst"] = "1";
        });
        var placed = Place();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 11).Select(_ => limited.Client().GetOrderAsync(placed.OmsOrderId, false, CancellationToken.None)));

        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.9)), "11 calls at 10 a second, one at a time");
        Assert.That(_znode.Calls.All.Select(c => c.StatusCode), Is.All.EqualTo(200));
    }
}
