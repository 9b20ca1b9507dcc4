using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;
using Payments.Sagas.Data;
using Payments.Sagas.PaymentRisk;
using Payments.Sagas.Tests.PaymentRisk;

namespace Payments.Sagas.Tests.Durable;

/// <summary>The payment-risk state machine as the Sagas service runs it: its migrated table (the decisions column included), EF repository and inbox/outbox.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_charge_risk_runs_on_the_EF_repository(DatabaseProvider provider)
{
    const string ChargeId = "ch_ef_risky";
    static readonly Guid CorrelationId = CorrelationKey.ChargeRisk(ChargeId).ToGuid();

    TestDatabase? _database;
    IHost? _host;
    ITestHarness _harness = null!;
    readonly RiskWorld _world = new();

    [SetUp]
    public async Task Start()
    {
        var database = _database = await TestDatabase.Create(provider, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.Configuration["Scheduler:MaxPollInterval"] = "00:00:00.200";
        builder.AddSagasService();
        builder.Services.AddSingleton(_world);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddSagas();
            bus.AddConsumer<AnsweringStripeRisk>();
            bus.AddConsumer<HoldingP21ForRisk>();
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
    public async Task Should_keep_every_decision_and_refund_once()
    {
        _world.Charges[ChargeId] = new StripeChargeFacts
        {
            ChargeId = ChargeId, AmountMinor = 9_000, Currency = "JPY", Status = "succeeded", AmountRefundedMinor = 0, Disputed = false,
            RiskLevel = "elevated", RiskScore = 80, P21OrderNo = "1008888", CreatedAt = DateTimeOffset.UtcNow.AddHours(-1),
        };

        await _harness.Bus.Publish(Warning("evt_ef_efw_1", DateTimeOffset.UtcNow));
        await WaitFor(s => s.CurrentState == nameof(ChargeRiskStateMachine.Decided) && s.RefundId is not null, "refunded");
        await _harness.Bus.Publish(Warning("evt_ef_efw_2", DateTimeOffset.UtcNow.AddMinutes(1)));

        var saga = await WaitFor(s => s.DecisionCount == 2 && s.CurrentState == nameof(ChargeRiskStateMachine.Decided), "decided twice");
        Assert.Multiple(() =>
        {
            Assert.That(saga.Decisions.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
            Assert.That(saga.Decisions, Does.Contain("rule refund-actionable-warning-under-limit | actions ProactiveRefund,Alert | risk level elevated, score 80"));
            Assert.That((saga.RefundId, saga.RefundWarningId), Is.EqualTo(("re_issfr_ef", "issfr_ef")));
            Assert.That(saga.LastExplanation, Does.EndWith("refund already asked for warning issfr_ef: not asked again"));
        });
    }

    static EarlyFraudWarningReported Warning(string eventId, DateTimeOffset at) => new()
    {
        CorrelationId = CorrelationId, StripeEventId = eventId, EventType = "radar.early_fraud_warning.updated", WarningId = "issfr_ef", ChargeId = ChargeId,
        Actionable = true, FraudType = "made_with_stolen_card", ReportedAt = at,
    };

    async Task<ChargeRiskState> WaitFor(Func<ChargeRiskState, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        ChargeRiskState? saga = null;
        while (!timeout.IsCancellationRequested)
        {
            await using (var scope = _host!.Services.CreateAsyncScope())
                saga = await scope.ServiceProvider.GetRequiredService<SagaDbContext>().ChargeRisks.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == CorrelationId);
            if (saga is not null && condition(saga))
                return saga;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"the charge risk did not become {what}; it is in {saga?.CurrentState ?? "(no row)"} {saga?.FailedStep} {saga?.FailureReason}");
        return null!;
    }
}
