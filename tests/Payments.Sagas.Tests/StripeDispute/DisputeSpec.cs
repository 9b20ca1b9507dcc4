using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Sagas.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

/// <summary>
/// Runs the dispute state machine on MassTransit's test harness with its in-memory saga repository and the in-memory transport's delayed
/// delivery as the scheduler; the Stripe and P21 services are stand-ins answering from <see cref="DisputeWorld"/>.
/// </summary>
public abstract class DisputeSpec
{
    protected const string DisputeId = "du_1";
    protected const string ChargeId = "ch_disputed_1";
    protected static readonly Guid CorrelationId = CorrelationKey.StripeDispute(DisputeId).ToGuid();
    protected static readonly DateTimeOffset T0 = new(2026, 11, 29, 9, 30, 0, TimeSpan.Zero);

    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<DisputeStateMachine, DisputeState> Saga = null!;
    protected DisputeStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(T0);
    protected DisputeWorld World { get; private set; } = null!;
    /// <summary>New for each test (NUnit shares the fixture instance between its tests); the machine reads it at each event.</summary>
    protected StripeDisputeOptions Options { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        World = new DisputeWorld();
        World.Charges[ChargeId] = Charge();
        Options = new StripeDisputeOptions { EvidenceAlertDaysBefore = 3, RecheckAfter = TimeSpan.FromHours(1), MaxRechecks = 3 };
        Provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(Options))
            .AddSingleton(World)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddDelayedMessageScheduler();
                bus.AddDisputeSaga().InMemoryRepository();
                bus.AddConsumer<DescribingDisputedCharges>();
                bus.AddConsumer<AcceptingP21Disputes>();
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseDelayedMessageScheduler();
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        Harness = Provider.GetRequiredService<ITestHarness>();
        Harness.TestTimeout = TimeSpan.FromSeconds(10);
        await Harness.Start();
        Saga = Harness.GetSagaStateMachineHarness<DisputeStateMachine, DisputeState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
    }

    protected static StripeChargeFacts Charge(string? p21OrderNo = "1001234", string? znodeOrderNumber = null, long amount = 10_000, string currency = "USD") => new()
    {
        ChargeId = ChargeId, PaymentIntentId = "pi_disputed_1", AmountMinor = amount, Currency = currency, Status = "succeeded", AmountRefundedMinor = 0,
        Disputed = true, P21OrderNo = p21OrderNo, ZnodeOrderNumber = znodeOrderNumber, CreatedAt = T0.AddDays(-10),
    };

    protected static DisputeBalanceTransaction Withdrawal(long amount = 10_000, long fee = 1_500, string currency = "USD") => new()
    {
        Id = "txn_withdrawal", AmountMinor = -amount, FeeMinor = fee, Currency = currency, ReportingCategory = "dispute",
    };

    protected static DisputeBalanceTransaction Reinstatement(long amount = 10_000, long fee = -1_500, string currency = "USD") => new()
    {
        Id = "txn_reinstatement", AmountMinor = amount, FeeMinor = fee, Currency = currency, ReportingCategory = "dispute_reversal",
    };

    /// <summary>A snapshot as the gateway maps it; <paramref name="minutes"/> after T0 is the event's <c>created</c>.</summary>
    protected static StripeDisputeReported Reported(string eventType, string status, int minutes, DateTimeOffset? dueBy = null, long amount = 10_000,
        string currency = "USD", params DisputeBalanceTransaction[] transactions) => new()
        {
            CorrelationId = CorrelationId, StripeEventId = $"evt_{eventType}_{minutes}", EventType = eventType, DisputeId = DisputeId, ChargeId = ChargeId,
            PaymentIntentId = "pi_disputed_1", AmountMinor = amount, Currency = currency, Status = status, Reason = "fraudulent",
            EvidenceDueBy = dueBy ?? T0.AddDays(14), BalanceTransactions = transactions, ReportedAt = T0.AddMinutes(minutes),
        };

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<DisputeState> WaitForState(State state)
    {
        var found = await Saga.Exists(CorrelationId, _ => state, Harness.TestTimeout);
        await Settled();
        Assert.That(found, Is.Not.Null, $"the dispute did not reach {state.Name}; it is in {Saga.Sagas.Contains(CorrelationId)?.CurrentState ?? "(none)"} " +
            $"{Saga.Sagas.Contains(CorrelationId)?.FailedStep} {Saga.Sagas.Contains(CorrelationId)?.FailureReason}");
        return Saga.Sagas.Contains(CorrelationId);
    }

    /// <summary>
    /// Publishes one after the other, each once the saga has consumed the one before (a repeat counts again) and the bus has settled, so
    /// the stand-ins' answers to one report (the described charge, the hold) arrive before the next report, as Stripe's events spaced out do.
    /// </summary>
    protected async Task PublishInTurn(params StripeDisputeReported[] reports)
    {
        foreach (var report in reports)
        {
            var before = ConsumedReports(report.StripeEventId);
            await Harness.Bus.Publish(report);
            using var timeout = new CancellationTokenSource(Harness.TestTimeout);
            while (ConsumedReports(report.StripeEventId) <= before && !timeout.IsCancellationRequested)
                await Task.Delay(20, CancellationToken.None);
            await Settled();
            var fault = Harness.Published.Select<Fault<StripeDisputeReported>>().FirstOrDefault()?.Context.Message;
            Assert.That(fault, Is.Null, () => $"the saga faulted on a report: {fault!.Exceptions.FirstOrDefault()?.Message}");
            Assert.That(ConsumedReports(report.StripeEventId), Is.GreaterThan(before), $"the saga did not consume {report.StripeEventId}");
        }
    }

    /// <summary>Polls (the harness counts the bus idle while a scheduled message waits in the delayed transport).</summary>
    protected async Task<bool> Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Harness.TestTimeout);
        while (!condition() && !timeout.IsCancellationRequested)
            await Task.Delay(50, CancellationToken.None);
        return condition();
    }

    int ConsumedReports(string stripeEventId) =>
        Harness.Consumed.Select<StripeDisputeReported>().Count(x => x.Context.Message.StripeEventId == stripeEventId);

    protected IEnumerable<PostDisputeJournal> Journals => Harness.Published.Select<PostDisputeJournal>().Select(x => x.Context.Message);
    protected int Count<T>() where T : class => Harness.Published.Select<T>().Count();
}
