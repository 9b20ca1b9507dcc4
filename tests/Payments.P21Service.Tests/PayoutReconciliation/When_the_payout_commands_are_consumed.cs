using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PayoutReconciliation;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using static Payments.P21Service.Tests.PayoutReconciliation.PayoutCommands;

namespace Payments.P21Service.Tests.PayoutReconciliation;

/// <summary>
/// The payout-reconciliation consumers as Program.cs wires them (AddP21Service + AddP21Consumers, inbox/outbox on SQLite) on MassTransit's
/// test harness with the shared retry policy, against the P21 simulator.
/// </summary>
[TestFixture]
public class When_the_payout_commands_are_consumed
{
    P21Simulator _simulator = null!;
    IHost _host = null!;
    ITestHarness _harness = null!;
    readonly string _databasePath = SqliteFiles.NewPath("payments-p21-payout-tests");

    static readonly DateTimeOffset ArrivalDate = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

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
            bus.AddConsumer<PayoutSubscriber>();
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

    Task<IReceivedMessage<T>?> ConsumedAsync<T>(Guid correlationId) where T : class, CorrelatedBy<Guid> =>
        EventuallyAsync(() => _harness.Consumed.Select<T>(m => m.Context.Message.CorrelationId == correlationId).FirstOrDefault());

    [Test]
    public async Task Should_answer_a_posted_journal_and_its_reversal()
    {
        var command = Post("po_bus", 9_680, "usd", ArrivalDate, Charge("txn_bus", 10_000, 320, "ch_bus"), PayoutItself("po_bus", 9_680));

        await _harness.Bus.Publish(command);
        var posted = (await ConsumedAsync<PayoutJournalPosted>(command.CorrelationId))?.Context.Message;
        await _harness.Bus.Publish(Reverse(command, posted!.JournalNumber, ArrivalDate.AddDays(2)));
        var reversed = (await ConsumedAsync<PayoutJournalReversed>(command.CorrelationId))?.Context.Message;

        Assert.Multiple(() =>
        {
            Assert.That((posted.PayoutId, posted.Period, posted.AlreadyExisted, posted.Lines.Count), Is.EqualTo(("po_bus", "2026-11", false, 3)));
            Assert.That(reversed?.ReversalJournalNumber, Is.Not.Null.And.Not.EqualTo(posted.JournalNumber));
            Assert.That(_simulator.Store.Ledger.Lines.Count(l => l.Source == "payout:po_bus"), Is.EqualTo(3));
            Assert.That(_simulator.Store.Ledger.Lines.Count(l => l.Source == "payout-reversal:po_bus"), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Should_fault_for_good_on_totals_that_do_not_make_the_payout()
    {
        var command = Post("po_bus_off", 9_679, "usd", ArrivalDate, Charge("txn_bus_off", 10_000, 320, "ch_bus_off"));

        await _harness.Bus.Publish(command);
        var fault = await EventuallyAsync(() =>
            _harness.Published.Select<Fault<PostPayoutJournal>>(m => m.Context.Message.Message.PayoutId == "po_bus_off").FirstOrDefault());

        Assert.Multiple(() =>
        {
            Assert.That(fault?.Context.Message.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
            Assert.That(fault?.Context.Message.Exceptions.Single().Message, Does.Contain("0.01 USD over"));
            Assert.That(_simulator.Store.Ledger.Lines.Any(l => l.Source == "payout:po_bus_off"), Is.False);
        });
    }
}

/// <summary>Stands for the saga: the answers leave through the service's outbox after the commit.</summary>
public sealed class PayoutSubscriber : IConsumer<PayoutJournalPosted>, IConsumer<PayoutJournalReversed>
{
    public Task Consume(ConsumeContext<PayoutJournalPosted> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<PayoutJournalReversed> context) => Task.CompletedTask;
}
