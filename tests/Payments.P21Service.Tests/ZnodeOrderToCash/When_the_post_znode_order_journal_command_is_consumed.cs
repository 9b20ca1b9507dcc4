using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using SimulatedFault = Payments.Simulators.Shared.Faults.Fault;

namespace Payments.P21Service.Tests.ZnodeOrderToCash;

/// <summary>The consumer as Program.cs wires it (AddP21Service + AddP21Consumers, inbox/outbox on SQLite) on MassTransit's test harness, with the shared retry policy.</summary>
[TestFixture]
public class When_the_post_znode_order_journal_command_is_consumed
{
    P21Simulator _simulator = null!;
    IHost _host = null!;
    ITestHarness _harness = null!;
    readonly string _databasePath = SqliteFiles.NewPath("payments-p21-journal-consumer-tests");

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
            bus.AddConsumer<JournalSubscriber>();
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

    /// <summary>Polls until the message shows up (30 s at most: a bound, not an expectation).</summary>
    static async Task<T?> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(100);
        }
        return probe();
    }

    static PostZnodeOrderJournal Command(string orderNumber) => new()
    {
        CorrelationId = CorrelationKey.ZnodeOrder(orderNumber).ToGuid(), OrderNumber = orderNumber, PaymentIntentId = "pi_" + orderNumber, ChargeId = "ch_" + orderNumber,
        AmountMinor = 5_000, Currency = "USD", PaidAt = DateTimeOffset.Parse("2026-11-29T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    int EntriesOf(string orderNumber) =>
        _simulator.Store.Ledger.Lines.Where(l => l.Source == $"znode:{orderNumber}:pi_{orderNumber}").Select(l => l.TransactionNumber).Distinct().Count();

    [Test]
    public async Task Should_publish_the_posted_entry_after_a_transient_failure_and_post_it_once()
    {
        _simulator.Faults.Inject(P21Route.Gl, P21Fault.ServerError());
        var command = Command("ZN-2001");

        await _harness.Bus.Publish(command);

        var posted = await EventuallyAsync(() => _harness.Consumed.Select<ZnodeOrderJournalPosted>(m => m.Context.Message.CorrelationId == command.CorrelationId).FirstOrDefault());
        Assert.Multiple(() =>
        {
            Assert.That(posted?.Context.Message.JournalReference, Is.Not.Null.And.EqualTo(_simulator.Store.Ledger.Lines.Last().TransactionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(EntriesOf("ZN-2001"), Is.EqualTo(1));
            Assert.That(_simulator.Faults.Pending(P21Route.Gl), Is.Zero, "the injected 500 was met and retried");
        });
    }

    [Test]
    public async Task Should_fault_in_P21s_words_without_retrying_when_P21_refuses_the_entry()
    {
        _simulator.Faults.Inject(P21Route.Gl, new SimulatedFault
        {
            Status = 500, Body = """{"ErrorMessage":"Records do not balance","ErrorType":"P21.Business.Common.BusinessException"}""",
        });
        var command = Command("ZN-2002");
        var postsBefore = _simulator.Requests.Count(r => r.Route == P21Route.Gl && r.Method == "POST");

        await _harness.Bus.Publish(command);

        var fault = await EventuallyAsync(() => _harness.Published.Select<Fault<PostZnodeOrderJournal>>(m => m.Context.Message.Message.CorrelationId == command.CorrelationId).FirstOrDefault());
        Assert.Multiple(() =>
        {
            Assert.That(fault?.Context.Message.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
            Assert.That(fault?.Context.Message.Exceptions.Single().Message, Does.EndWith("Records do not balance"));
            Assert.That(_simulator.Requests.Count(r => r.Route == P21Route.Gl && r.Method == "POST") - postsBefore, Is.EqualTo(1), "a permanent failure is not retried");
            Assert.That(EntriesOf("ZN-2002"), Is.Zero);
        });
    }
}

/// <summary>Stands for the saga: ZnodeOrderJournalPosted leaves through the service's outbox after the commit.</summary>
public sealed class JournalSubscriber : IConsumer<ZnodeOrderJournalPosted>
{
    public Task Consume(ConsumeContext<ZnodeOrderJournalPosted> context) => Task.CompletedTask;
}
