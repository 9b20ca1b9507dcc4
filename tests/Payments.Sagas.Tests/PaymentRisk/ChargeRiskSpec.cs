using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Sagas.PaymentRisk;

namespace Payments.Sagas.Tests.PaymentRisk;

/// <summary>Runs the payment-risk state machine on MassTransit's test harness with its in-memory saga repository; Stripe and P21 are stand-ins.</summary>
public abstract class ChargeRiskSpec
{
    protected const string ChargeId = "ch_risky_1";
    protected static readonly Guid CorrelationId = CorrelationKey.ChargeRisk(ChargeId).ToGuid();
    protected static readonly DateTimeOffset T0 = new(2026, 11, 29, 9, 30, 0, TimeSpan.Zero);

    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<ChargeRiskStateMachine, ChargeRiskState> Saga = null!;
    protected ChargeRiskStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(T0);
    protected RiskWorld World { get; private set; } = null!;
    protected PaymentRiskOptions Options { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        World = new RiskWorld();
        World.Charges[ChargeId] = Charge();
        Options = new PaymentRiskOptions();
        Provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(Options))
            .AddSingleton(World)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddChargeRiskSaga().InMemoryRepository();
                bus.AddConsumer<AnsweringStripeRisk>();
                bus.AddConsumer<HoldingP21ForRisk>();
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            })
            .BuildServiceProvider(true);
        Harness = Provider.GetRequiredService<ITestHarness>();
        Harness.TestTimeout = TimeSpan.FromSeconds(10);
        await Harness.Start();
        Saga = Harness.GetSagaStateMachineHarness<ChargeRiskStateMachine, ChargeRiskState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
    }

    protected static StripeChargeFacts Charge(long amount = 5_000, string currency = "USD", string? riskLevel = "normal", int? riskScore = 20,
        string? p21OrderNo = "1001234", long refunded = 0) => new()
        {
            ChargeId = ChargeId, PaymentIntentId = "pi_risky_1", AmountMinor = amount, Currency = currency, Status = "succeeded", AmountRefundedMinor = refunded,
            Disputed = false, RiskLevel = riskLevel, RiskScore = riskScore, P21OrderNo = p21OrderNo, CreatedAt = T0.AddHours(-2),
        };

    protected static EarlyFraudWarningReported Warning(string eventId = "evt_efw_1", bool actionable = true, int minutes = 0,
        string eventType = "radar.early_fraud_warning.created") => new()
        {
            CorrelationId = CorrelationId, StripeEventId = eventId, EventType = eventType, WarningId = "issfr_1", ChargeId = ChargeId,
            PaymentIntentId = "pi_risky_1", Actionable = actionable, FraudType = "made_with_stolen_card", ReportedAt = T0.AddMinutes(minutes),
        };

    protected static ChargeRiskObserved RiskObserved(string level = "elevated", int score = 72, string eventId = "evt_charge_succeeded_1") => new()
    {
        CorrelationId = CorrelationId, StripeEventId = eventId, ChargeId = ChargeId, PaymentIntentId = "pi_risky_1", RiskLevel = level, RiskScore = score,
        AmountMinor = 5_000, Currency = "USD", ReportedAt = T0,
    };

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<ChargeRiskState> WaitForState(State state)
    {
        var found = await Saga.Exists(CorrelationId, _ => state, Harness.TestTimeout);
        await Settled();
        Assert.That(found, Is.Not.Null, $"the charge risk did not reach {state.Name}; it is in {Saga.Sagas.Contains(CorrelationId)?.CurrentState ?? "(none)"} " +
            $"{Saga.Sagas.Contains(CorrelationId)?.FailedStep} {Saga.Sagas.Contains(CorrelationId)?.FailureReason}");
        return Saga.Sagas.Contains(CorrelationId);
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the harness times out.</summary>
    protected async Task<bool> Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Harness.TestTimeout);
        while (!condition() && !timeout.IsCancellationRequested)
            await Task.Delay(20, CancellationToken.None);
        return condition();
    }

    protected int Count<T>() where T : class => Harness.Published.Select<T>().Count();
}
