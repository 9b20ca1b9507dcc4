using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.ChargeToOrder;

/// <summary>The consumer as Program.cs wires it (AddP21Service + AddP21Consumers, inbox/outbox on SQLite) on MassTransit's test harness, with the shared retry policy.</summary>
[TestFixture]
public class When_the_post_p21_order_command_is_consumed
{
    P21Simulator _simulator = null!;
    IHost _host = null!;
    ITestHarness _harness = null!;
    readonly string _databasePath = SqliteFiles.NewPath("payments-p21-consumer-tests");

    [OneTimeSetUp]
    public async Task Start()
    {
        _simulator = await P21Simulator.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(PayoutAccountRules.AddTo(new Dictionary<string, string?>
        {
            ["P21:BaseUrl"] = _simulator.BaseUrl, ["P21:Username"] = _simulator.Options.Username, ["P21:Password"] = _simulator.Options.Password,
            ["P21:CompanyId"] = _simulator.Options.CompanyId, ["P21:SalesOrders:SalesLocationId"] = "10", ["P21:SalesOrders:SourceLocationId"] = "10",
            ["P21:Customers:SalesrepId"] = "1100", ["P21:Customers:DefaultBranch"] = "10",
            ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount, ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount, ["P21:Journals:JournalId"] = "CR",
            ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount, ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
            ["Database:Provider"] = "Sqlite", ["ConnectionStrings:P21Service"] = $"Data Source={_databasePath}",
        }));
        builder.AddP21Service();
        builder.Services.AddRetryingTestHarness(bus =>
        {
            bus.AddP21Consumers();
            bus.AddConsumer<Subscriber>();
        });
        _host = builder.Build();
        await _host.StartAsync();
        _harness = _host.Services.GetTestHarness();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _simulator.DisposeAsync();
        SqliteFiles.Delete(_databasePath);
    }

    /// <summary>
    /// Polls until the message shows up (30 s at most: a bound, not an expectation). The harness's own waits end at its inactivity
    /// signal, which an earlier test in the fixture may already have raised.
    /// </summary>
    static async Task<T?> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(100);
        }
        return probe();
    }

    static PostP21Order Command(PaymentDetails payment) => new() { CorrelationId = CorrelationKey.StripePayment(payment.PaymentIntentId, payment.ChargeId).ToGuid(), Payment = payment };

    [Test]
    public async Task Should_publish_p21_order_posted_after_a_transient_failure_and_post_one_order()
    {
        _simulator.Faults.Inject(P21Route.Transaction, P21Fault.ServerError());
        var command = Command(P21Harness.Payment(P21Seed.AcmeEmail));

        await _harness.Bus.Publish(command);

        var posted = await EventuallyAsync(() => _harness.Consumed.Select<P21OrderPosted>(m => m.Context.Message.CorrelationId == command.CorrelationId).FirstOrDefault());
        var orders = _simulator.Store.FindOrdersByReference(command.Payment.ChargeId);
        Assert.Multiple(() =>
        {
            Assert.That(posted?.Context.Message.OrderNo, Is.EqualTo(orders.Single().OrderNo));
            Assert.That(posted?.Context.Message.CustomerId, Is.EqualTo(P21Seed.AcmeCustomerId));
            Assert.That(posted?.Context.Message.AlreadyExisted, Is.False);
            Assert.That(_simulator.Faults.Pending(P21Route.Transaction), Is.Zero, "the injected 500 was met and retried");
        });
    }

    [Test]
    public async Task Should_fault_without_retrying_when_an_item_is_unknown()
    {
        var command = Command(P21Harness.Payment(P21Seed.AcmeEmail, lines: [new OrderLine { Sku = "NOT-IN-P21" }]));
        var odataCallsBefore = _simulator.Requests.Count(r => r.PathAndQuery.Contains("inv_mast", StringComparison.Ordinal));

        await _harness.Bus.Publish(command);

        var fault = await EventuallyAsync(() => _harness.Published.Select<Fault<PostP21Order>>(m => m.Context.Message.Message.CorrelationId == command.CorrelationId).FirstOrDefault());
        var itemLookups = _simulator.Requests.Count(r => r.PathAndQuery.Contains("inv_mast", StringComparison.Ordinal)) - odataCallsBefore;
        Assert.Multiple(() =>
        {
            Assert.That(fault?.Context.Message.Exceptions.Single().Message, Does.Contain("NOT-IN-P21"));
            Assert.That(itemLookups, Is.EqualTo(1), "a permanent failure is not retried");
            Assert.That(_harness.Consumed.Select<P21OrderPosted>().Any(m => m.Context.Message.CorrelationId == command.CorrelationId), Is.False);
        });
    }

    static IReadOnlyList<OrderLine> TwoLines() =>
    [
        new OrderLine { Sku = "WIDGET-001", Quantity = 2, UnitAmountMinor = 1250 },
        new OrderLine { Sku = "GADGET-200", Quantity = 1, UnitAmountMinor = 4999 },
    ];

    [Test]
    public async Task Should_announce_an_order_p21_kept_without_a_line_as_a_discrepancy_not_as_posted()
    {
        _simulator.Faults.Inject(P21Route.Transaction, P21Fault.DropsLine());
        var command = Command(P21Harness.Payment(P21Seed.AcmeEmail, amountMinor: 7499, lines: TwoLines()));

        await _harness.Bus.Publish(command);

        var found = await EventuallyAsync(() => _harness.Consumed.Select<P21OrderDiscrepancyFound>(m => m.Context.Message.CorrelationId == command.CorrelationId).FirstOrDefault());
        var order = _simulator.Store.FindOrdersByReference(command.Payment.ChargeId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(found, Is.Not.Null, "a dropped line is announced, not only logged");
            Assert.That(found?.Context.Message.OrderNo, Is.EqualTo(order.OrderNo));
            Assert.That(found?.Context.Message.Differences, Has.Some.Contains("GADGET-200"));
            Assert.That(found?.Context.Message.Differences, Has.Some.Contains("total"));
            Assert.That(_harness.Consumed.Select<P21OrderPosted>().Any(m => m.Context.Message.CorrelationId == command.CorrelationId), Is.False);
        });
    }

    [Test]
    public async Task Should_announce_an_order_whose_line_price_p21_ignored_as_a_discrepancy()
    {
        _simulator.Faults.Inject(P21Route.Transaction, P21Fault.IgnoresLinePrice());
        // Sold below WIDGET-001's list price (12.50): P21 keeps the list price.
        var command = Command(P21Harness.Payment(P21Seed.AcmeEmail, amountMinor: 2200, lines: [new OrderLine { Sku = "WIDGET-001", Quantity = 2, UnitAmountMinor = 1100 }]));

        await _harness.Bus.Publish(command);

        var found = await EventuallyAsync(() => _harness.Consumed.Select<P21OrderDiscrepancyFound>(m => m.Context.Message.CorrelationId == command.CorrelationId).FirstOrDefault());
        Assert.Multiple(() =>
        {
            Assert.That(found, Is.Not.Null);
            Assert.That(found?.Context.Message.Differences, Has.Some.Contains("WIDGET-001").And.Contains("12.5"));
            Assert.That(found?.Context.Message.Differences, Has.Some.Contains("total"));
            Assert.That(_harness.Consumed.Select<P21OrderPosted>().Any(m => m.Context.Message.CorrelationId == command.CorrelationId), Is.False);
        });
    }
}

/// <summary>Stands for the saga: P21OrderPosted leaves through the service's outbox after the commit, so the tests look at what reaches a subscriber.</summary>
public sealed class Subscriber : IConsumer<P21OrderPosted>, IConsumer<P21OrderDiscrepancyFound>
{
    public Task Consume(ConsumeContext<P21OrderPosted> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<P21OrderDiscrepancyFound> context) => Task.CompletedTask;
}
