using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.P21Service.Journals;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.MoneyBack;

/// <summary>
/// The stripe-refund, stripe-dispute and payment-risk consumers as Program.cs wires them (AddP21Service + AddP21Consumers, inbox/outbox on
/// SQLite) on MassTransit's test harness with the shared retry policy, against the P21 simulator.
/// </summary>
[TestFixture]
public class When_the_money_back_commands_are_consumed
{
    P21Simulator _simulator = null!;
    IHost _host = null!;
    ITestHarness _harness = null!;
    readonly string _databasePath = SqliteFiles.NewPath("payments-p21-money-back-tests");

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
            bus.AddConsumer<MoneyBackSubscriber>();
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

    string SeededOrderNo => _simulator.Store.Orders.First(o => o.RmaFlag == "N" && o.WebReferenceNo == "WEB-123").OrderNo;

    [Test]
    public async Task Should_post_the_refunds_rma_once_after_a_transient_failure_and_reverse_it()
    {
        _simulator.Faults.Inject(P21Route.Transaction, P21Fault.ServerError());
        var refund = new PostP21RefundReturn
        {
            CorrelationId = CorrelationKey.StripeRefund("re_consumed").ToGuid(), RefundId = "re_consumed", ChargeId = "ch_consumed", AmountMinor = 1_250, Currency = "USD",
            Scope = "Partial", P21OrderNo = SeededOrderNo, RefundedAt = DateTimeOffset.UtcNow,
        };

        await _harness.Bus.Publish(refund);
        var posted = (await ConsumedAsync<P21RefundReturnPosted>(refund.CorrelationId))?.Context.Message;
        await _harness.Bus.Publish(new ReverseP21RefundReturn
        {
            CorrelationId = refund.CorrelationId, RefundId = refund.RefundId, DocumentKind = posted!.DocumentKind, DocumentNumber = posted.DocumentNumber,
            AmountMinor = refund.AmountMinor, Currency = "USD", Reason = "expired_or_canceled_card",
        });
        var reversed = (await ConsumedAsync<P21RefundReturnReversed>(refund.CorrelationId))?.Context.Message;

        var rmas = _simulator.Store.Rmas.Where(r => r.PoNo == "re_consumed").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rmas.Select(r => r.OrderNo), Is.EqualTo(new[] { posted.DocumentNumber }));
            Assert.That(rmas.Single().Lines.Single().UnitPrice, Is.EqualTo(12.50m));
            Assert.That(reversed?.DocumentNumber, Is.EqualTo(posted.DocumentNumber));
            Assert.That(_simulator.Store.FindOrder(posted.DocumentNumber)!.CancelFlag, Is.EqualTo("Y"));
        });
    }

    [Test]
    public async Task Should_leave_a_znode_refund_to_redelivery_until_the_znode_orders_journal_is_in_p21()
    {
        var refund = new PostP21RefundReturn
        {
            CorrelationId = CorrelationKey.StripeRefund("re_zn_wait").ToGuid(), RefundId = "re_zn_wait", ChargeId = "ch_zn_wait", AmountMinor = 700, Currency = "USD",
            Scope = "Partial", ZnodeOrderNumber = "ZN-8001", RefundedAt = DateTimeOffset.UtcNow,
        };

        await _harness.Bus.Publish(refund);
        // On RabbitMQ the minute's Retry-After sends it to a wait queue (docs/messaging.md); the in-memory harness has none, so it faults as transient.
        var early = await EventuallyAsync(() =>
            _harness.Published.Select<Fault<PostP21RefundReturn>>(m => m.Context.Message.Message.CorrelationId == refund.CorrelationId).FirstOrDefault());
        var bookedEarly = _simulator.Store.Ledger.Lines.Any(l => l.Source == "refund:re_zn_wait");
        using (var scope = _host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<JournalPoster>().PostAsync(new PostZnodeOrderJournal
            {
                CorrelationId = CorrelationKey.ZnodeOrder("ZN-8001").ToGuid(), OrderNumber = "ZN-8001", PaymentIntentId = "pi_zn8001", AmountMinor = 2_000, Currency = "USD",
                PaidAt = DateTimeOffset.UtcNow,
            }, CancellationToken.None);
        await _harness.Bus.Publish(refund); // the redelivery
        var posted = await ConsumedAsync<P21RefundReturnPosted>(refund.CorrelationId);

        Assert.Multiple(() =>
        {
            Assert.That(early?.Context.Message.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(TransientFailureException).FullName));
            Assert.That(early?.Context.Message.Exceptions.Single().Message, Does.Contain("ZN-8001").And.Contain("not in P21 yet"));
            Assert.That(bookedEarly, Is.False, "nothing is booked before the sale is in P21");
            Assert.That(posted?.Context.Message.DocumentKind, Is.EqualTo("journal"));
            Assert.That(_simulator.Store.Ledger.Lines.Count(l => l.Source == "refund:re_zn_wait"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_hold_for_a_dispute_and_for_risk_and_release_after_a_won_dispute()
    {
        var orderNo = SeededOrderNo;
        var dispute = CorrelationKey.StripeDispute("du_consumed").ToGuid();
        var risk = CorrelationKey.ChargeRisk("ch_risky").ToGuid();

        await _harness.Bus.Publish(new HoldP21OrderForDispute { CorrelationId = dispute, DisputeId = "du_consumed", P21OrderNo = orderNo, Reason = "needs_response" });
        var held = await ConsumedAsync<P21OrderHeldForDispute>(dispute);
        var approvedWhileDisputed = _simulator.Store.FindOrder(orderNo)!.Approved;
        await _harness.Bus.Publish(new HoldP21OrderForRisk { CorrelationId = risk, ChargeId = "ch_risky", P21OrderNo = orderNo, Reason = "elevated" });
        var heldForRisk = await ConsumedAsync<P21OrderHeldForRisk>(risk);
        await _harness.Bus.Publish(new ReleaseP21OrderHold { CorrelationId = dispute, DisputeId = "du_consumed", P21OrderNo = orderNo });
        var released = await ConsumedAsync<P21OrderHoldReleased>(dispute);

        Assert.Multiple(() =>
        {
            Assert.That(held?.Context.Message.HoldMethod, Is.EqualTo("Approved"));
            Assert.That(approvedWhileDisputed, Is.EqualTo("N"));
            Assert.That(held?.Context.Message.PlacedHold, Is.True, "the dispute placed the hold");
            Assert.That(heldForRisk?.Context.Message.P21OrderNo, Is.EqualTo(orderNo), "already held is fine");
            Assert.That(heldForRisk?.Context.Message.PlacedHold, Is.False, "the risk flow found the dispute's hold: not its own");
            Assert.That(released, Is.Not.Null);
            Assert.That(_simulator.Store.FindOrder(orderNo)!.Approved, Is.EqualTo("Y"));
        });
    }

    [Test]
    public async Task Should_post_a_dispute_journal_and_fault_permanently_on_a_foreign_currency()
    {
        var dispute = CorrelationKey.StripeDispute("du_journal").ToGuid();
        PostDisputeJournal Command(string id, string currency) => new()
        {
            CorrelationId = dispute, DisputeId = "du_journal", ChargeId = "ch_du", BalanceTransactionId = id, Kind = "Withdrawal", AmountMinor = -3_000,
            FeeMinor = 1_500, Currency = currency, OccurredAt = DateTimeOffset.UtcNow,
        };

        await _harness.Bus.Publish(Command("txn_consumed", "USD"));
        var posted = await ConsumedAsync<DisputeJournalPosted>(dispute);
        await _harness.Bus.Publish(Command("txn_eur", "EUR"));
        var fault = await EventuallyAsync(() =>
            _harness.Published.Select<Fault<PostDisputeJournal>>(m => m.Context.Message.Message.BalanceTransactionId == "txn_eur").FirstOrDefault());

        Assert.Multiple(() =>
        {
            Assert.That(posted?.Context.Message.BalanceTransactionId, Is.EqualTo("txn_consumed"));
            Assert.That(_simulator.Store.Ledger.Lines.Count(l => l.Source == "dispute:txn_consumed"), Is.EqualTo(3));
            Assert.That(fault?.Context.Message.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
        });
    }
}

/// <summary>Stands for the sagas: the answers leave through the service's outbox after the commit.</summary>
public sealed class MoneyBackSubscriber :
    IConsumer<P21RefundReturnPosted>, IConsumer<P21RefundReturnReversed>, IConsumer<P21OrderHeldForDispute>, IConsumer<P21OrderHoldReleased>,
    IConsumer<DisputeJournalPosted>, IConsumer<P21OrderHeldForRisk>
{
    public Task Consume(ConsumeContext<P21RefundReturnPosted> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<P21RefundReturnReversed> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<P21OrderHeldForDispute> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<P21OrderHoldReleased> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<DisputeJournalPosted> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<P21OrderHeldForRisk> context) => Task.CompletedTask;
}
