using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;
using Payments.Sagas.Data;
using Payments.Sagas.StripeDispute;
using Payments.Sagas.Tests.StripeDispute;

namespace Payments.Sagas.Tests.Durable;

/// <summary>The dispute state machine as the Sagas service runs it (AddSagasService + AddSagas): its migrated table, EF repository, inbox/outbox and the durable scheduler.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_dispute_runs_on_the_EF_repository(DatabaseProvider provider)
{
    const string DisputeId = "du_ef_1";
    const string ChargeId = "ch_ef_disputed";
    static readonly Guid CorrelationId = CorrelationKey.StripeDispute(DisputeId).ToGuid();

    TestDatabase? _database;
    IHost? _host;
    ITestHarness _harness = null!;
    readonly DisputeWorld _world = new();

    [SetUp]
    public async Task Start()
    {
        var database = _database = await TestDatabase.Create(provider, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.Configuration["Scheduler:MaxPollInterval"] = "00:00:00.200";
        builder.Configuration["StripeDispute:EvidenceAlertDaysBefore"] = "3";
        builder.Configuration["StripeDispute:RecheckAfter"] = "00:00:01";
        builder.AddSagasService();
        builder.Services.AddSingleton(_world);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddSagas();
            bus.AddConsumer<DescribingDisputedCharges>();
            bus.AddConsumer<AcceptingP21Disputes>();
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
    public async Task Should_recheck_and_alert_through_the_durable_scheduler_and_keep_the_won_dispute_in_its_table()
    {
        _world.Charges[ChargeId] = Charge(p21OrderNo: null);
        var now = DateTimeOffset.UtcNow;
        var dueBy = new DateTimeOffset(now.AddDays(3).AddSeconds(2).UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var withdrawal = new DisputeBalanceTransaction { Id = "txn_ef_w", AmountMinor = -12_340, FeeMinor = 4_500, Currency = "KWD", ReportingCategory = "dispute" };
        var reinstatement = new DisputeBalanceTransaction { Id = "txn_ef_r", AmountMinor = 12_340, FeeMinor = -4_500, Currency = "KWD", ReportingCategory = "dispute_reversal" };

        await _harness.Bus.Publish(Reported("evt_ef_1", "needs_response", now, dueBy, withdrawal));
        // The harness counts the bus idle while the recheck waits in the ScheduledMessage table: read the saga's row instead.
        await WaitFor(s => s.CurrentState == nameof(DisputeStateMachine.AwaitingOriginalDocument), "waiting for the ERP document");
        _world.Charges[ChargeId] = Charge(p21OrderNo: "1009999");

        await WaitFor(s => s.CurrentState == nameof(DisputeStateMachine.Open) && s.EvidenceAlertedAt is not null, "open and alerted");
        await _harness.Bus.Publish(Reported("evt_ef_2", "won", now.AddMinutes(1), dueBy, withdrawal, reinstatement));

        var saga = await WaitFor(s => s.CurrentState == nameof(DisputeStateMachine.Won), "Won");
        Assert.Multiple(() =>
        {
            Assert.That(saga.BookedBalanceTransactionIds.Split(' ').Order(), Is.EqualTo(new[] { "txn_ef_r", "txn_ef_w" }));
            Assert.That((saga.P21OrderNo, saga.HeldAt is not null, saga.ReleasedAt is not null), Is.EqualTo(("1009999", true, true)));
            Assert.That((saga.RecheckCount, saga.RecheckTokenId), Is.EqualTo((1, (Guid?)null)));
            Assert.That((saga.EvidenceDueBy, saga.EvidenceAlertTokenId), Is.EqualTo(((DateTime?)dueBy.UtcDateTime, (Guid?)null)));
            Assert.That((saga.AmountMinor, saga.Currency), Is.EqualTo((12_340L, "KWD")));
            Assert.That(saga.EvidenceAlertedAt, Is.Not.Null, "the alert fired (DisputeEvidenceDueSoon leaves through the outbox)");
        });
    }

    static StripeChargeFacts Charge(string? p21OrderNo) => new()
    {
        ChargeId = ChargeId, AmountMinor = 12_340, Currency = "KWD", Status = "succeeded", AmountRefundedMinor = 0, Disputed = true,
        P21OrderNo = p21OrderNo, CreatedAt = DateTimeOffset.UtcNow.AddDays(-5),
    };

    static StripeDisputeReported Reported(string eventId, string status, DateTimeOffset at, DateTimeOffset dueBy, params DisputeBalanceTransaction[] transactions) => new()
    {
        CorrelationId = CorrelationId, StripeEventId = eventId, EventType = "charge.dispute.updated", DisputeId = DisputeId, ChargeId = ChargeId,
        AmountMinor = 12_340, Currency = "KWD", Status = status, Reason = "fraudulent", EvidenceDueBy = dueBy, BalanceTransactions = transactions, ReportedAt = at,
    };

    async Task<DisputeState> WaitFor(Func<DisputeState, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        DisputeState? saga = null;
        while (!timeout.IsCancellationRequested)
        {
            await using (var scope = _host!.Services.CreateAsyncScope())
                saga = await scope.ServiceProvider.GetRequiredService<SagaDbContext>().Disputes.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == CorrelationId);
            if (saga is not null && condition(saga))
                return saga;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"the dispute did not become {what}; it is in {saga?.CurrentState ?? "(no row)"} {saga?.FailedStep} {saga?.FailureReason}");
        return null!;
    }
}
