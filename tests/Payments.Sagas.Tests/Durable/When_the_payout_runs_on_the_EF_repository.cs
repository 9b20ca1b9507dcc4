using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;
using Payments.Sagas.Data;
using Payments.Sagas.PayoutReconciliation;
using Payments.Sagas.Tests.PayoutReconciliation;

namespace Payments.Sagas.Tests.Durable;

/// <summary>The payout state machine as the Sagas service runs it (AddSagasService + AddSagas): its migrated table, EF repository, inbox/outbox and the durable scheduler.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_payout_runs_on_the_EF_repository(DatabaseProvider provider)
{
    const string PayoutId = "po_ef_1";
    static readonly Guid CorrelationId = CorrelationKey.StripePayout(PayoutId).ToGuid();

    TestDatabase? _database;
    IHost? _host;
    ITestHarness _harness = null!;
    readonly PayoutWorld _world = new();

    [SetUp]
    public async Task Start()
    {
        var database = _database = await TestDatabase.Create(provider, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.Configuration["Scheduler:MaxPollInterval"] = "00:00:00.200";
        builder.Configuration["PayoutReconciliation:SettlementGrace"] = "00:00:01";
        builder.AddSagasService();
        builder.Services.AddSingleton(_world);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddSagas();
            bus.AddConsumer<ListingPayoutTransactions>();
            bus.AddConsumer<PostingPayoutJournals>();
            // What AddPaymentsBus does for the service: every consume context schedules through the durable scheduler.
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseMessageScheduler(SchedulerEndpoint.Address);
                cfg.ConfigureEndpoints(context);
            });
        });
        var host = _host = builder.Build();
        await host.StartAsync();
        _harness = host.Services.GetRequiredService<ITestHarness>();
        _harness.TestTimeout = TimeSpan.FromSeconds(30);
    }

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [Test]
    public async Task Should_alert_through_the_durable_scheduler_post_once_and_reverse_in_its_table()
    {
        // Arrives now with a grace of a second: the settlement alert is due a second from now, and fires from the ScheduledMessage table.
        var arrival = new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var now = arrival;
        await _harness.Bus.Publish(Reported("evt_ef_1", "payout.created", "in_transit", "in_progress", now, arrival));
        await WaitFor(s => s.SettlementAlertedAt is not null, "alerted while awaiting settlement");

        await _harness.Bus.Publish(Reported("evt_ef_2", "payout.reconciliation_completed", "paid", "completed", now.AddMinutes(1), arrival));
        var posted = await WaitFor(s => s.CurrentState == nameof(PayoutStateMachine.Posted), "Posted");
        // The same snapshot again, and an older one: nothing listed or posted twice.
        await PublishInTurn(Reported("evt_ef_2b", "payout.paid", "paid", "completed", now.AddMinutes(1), arrival));
        await PublishInTurn(Reported("evt_ef_0", "payout.updated", "in_transit", "in_progress", now.AddSeconds(-1), arrival));
        await PublishInTurn(Reported("evt_ef_3", "payout.failed", "failed", "completed", now.AddMinutes(2), arrival, "account_closed"));

        var saga = await WaitFor(s => s.CurrentState == nameof(PayoutStateMachine.Reversed), "Reversed");
        Assert.Multiple(() =>
        {
            Assert.That((posted.Run, posted.JournalNumber, posted.Period, posted.Fingerprint), Is.EqualTo((1, PayoutWorld.JournalOf(PayoutId), "2026-12", $"fp-{PayoutId}")));
            Assert.That(JsonSerializer.Deserialize<PayoutTotals>(posted.Totals!)!.Fees["stripe_fee"], Is.EqualTo(870));
            Assert.That(JsonSerializer.Deserialize<List<PayoutJournalLine>>(posted.JournalLines)!.Select(l => l.Account), Is.EqualTo(new[] { "1010", "6100", "4000", "4100" }));
            Assert.That(JsonSerializer.Deserialize<List<PayoutCurrencyConversion>>(posted.Conversions)!.Single().EffectiveRate, Is.EqualTo(1.0869m));
            Assert.That((posted.Flags, posted.FlagCount, posted.SettlementAlertTokenId), Is.EqualTo(("[]", 0, (Guid?)null)));
            Assert.That(posted.ArrivalDate, Is.EqualTo(arrival.UtcDateTime));

            Assert.That((saga.Status, saga.FailureCode, saga.FailureReportedAt), Is.EqualTo(("failed", "account_closed", (DateTime?)now.AddMinutes(2).UtcDateTime)));
            Assert.That((saga.JournalNumber, saga.ReversalJournalNumber, saga.ReversedAt is not null), Is.EqualTo((PayoutWorld.JournalOf(PayoutId), PayoutWorld.ReversalOf(PayoutId), true)));
            Assert.That((saga.Subject, saga.LastStripeEventId), Is.EqualTo(($"stripe-payout:{PayoutId}", "evt_ef_3")));
            Assert.That((Sent<ListPayoutTransactions>(), Sent<PostPayoutJournal>(), Sent<ReversePayoutJournal>()), Is.EqualTo((1, 1, 1)));
        });
    }

    [Test]
    public async Task Should_keep_a_flagged_payout_and_its_flags_until_it_is_rerun()
    {
        _world.FlagsByRun[1] = [new PayoutFlagItem { Kind = "UnknownOrder", Reason = "charge ch_ef names no P21 or Znode order", ChargeId = "ch_ef" }];
        var arrival = DateTimeOffset.UtcNow.AddDays(1);

        await _harness.Bus.Publish(Reported("evt_ef_f1", "payout.paid", "paid", "completed", DateTimeOffset.UtcNow, arrival));
        var flagged = await WaitFor(s => s.CurrentState == nameof(PayoutStateMachine.Flagged), "Flagged");
        await _harness.Bus.Publish(new RerunPayoutReconciliation { CorrelationId = CorrelationId, PayoutId = PayoutId, RequestedBy = "controller" });

        var saga = await WaitFor(s => s.CurrentState == nameof(PayoutStateMachine.Posted), "Posted after the re-run");
        Assert.Multiple(() =>
        {
            Assert.That((flagged.FlagCount, JsonSerializer.Deserialize<List<PayoutFlagItem>>(flagged.Flags)!.Single().ChargeId), Is.EqualTo((1, "ch_ef")));
            Assert.That((saga.Run, saga.FlagCount, saga.Flags), Is.EqualTo((2, 0, "[]")));
        });
    }

    /// <summary>Publishes once the saga has consumed what came before: the harness's bus runs without the service's retry of a concurrency conflict.</summary>
    async Task PublishInTurn(StripePayoutReported report)
    {
        await _harness.Bus.Publish(report);
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        while (!_harness.Consumed.Select<StripePayoutReported>().Any(x => x.Context.Message.StripeEventId == report.StripeEventId) && !timeout.IsCancellationRequested)
            await Task.Delay(20, CancellationToken.None);
    }

    /// <summary>Commands that left the saga's outbox and reached their consumer.</summary>
    int Sent<T>() where T : class => _harness.Consumed.Select<T>().Count();

    static StripePayoutReported Reported(string eventId, string type, string status, string reconciliation, DateTimeOffset at, DateTimeOffset arrival,
        string? failureCode = null) => new()
        {
            CorrelationId = CorrelationId, PayoutId = PayoutId, StripeEventId = eventId, EventType = type, AmountMinor = 100_000, Currency = "USD",
            Status = status, Automatic = true, ReconciliationStatus = reconciliation, ArrivalDate = arrival, FailureCode = failureCode,
            PayoutCreatedAt = arrival.AddDays(-2), ReportedAt = at,
        };

    async Task<PayoutState> WaitFor(Func<PayoutState, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        PayoutState? saga = null;
        while (!timeout.IsCancellationRequested)
        {
            await using (var scope = _host!.Services.CreateAsyncScope())
                saga = await scope.ServiceProvider.GetRequiredService<SagaDbContext>().Payouts.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == CorrelationId);
            if (saga is not null && condition(saga))
                return saga;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"the payout did not become {what}; it is in {saga?.CurrentState ?? "(no row)"} {saga?.FailedStep} {saga?.FailureReason}");
        return null!;
    }
}
