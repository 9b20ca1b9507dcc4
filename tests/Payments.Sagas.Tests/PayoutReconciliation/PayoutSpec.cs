using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Sagas.PayoutReconciliation;

namespace Payments.Sagas.Tests.PayoutReconciliation;

/// <summary>
/// Runs the payout state machine on MassTransit's test harness with its in-memory saga repository and the in-memory transport's delayed delivery
/// as the scheduler (the durable scheduler: Durable/When_the_payout_runs_on_the_EF_repository); the Stripe and P21 services are stand-ins answering
/// from <see cref="PayoutWorld"/>.
/// </summary>
public abstract class PayoutSpec
{
    protected const string PayoutId = "po_1";
    protected const long Amount = 100_000;
    protected static readonly Guid CorrelationId = CorrelationKey.StripePayout(PayoutId).ToGuid();
    protected static readonly DateTimeOffset T0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    /// <summary>Tomorrow: the settlement alert is days away unless a spec says otherwise.</summary>
    protected static readonly DateTimeOffset Arrival = T0.AddDays(1);

    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<PayoutStateMachine, PayoutState> Saga = null!;
    protected PayoutStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(T0);
    protected PayoutWorld World { get; private set; } = null!;
    /// <summary>New for each test (NUnit shares the fixture instance between its tests); the machine reads it at each event.</summary>
    protected PayoutReconciliationOptions Options { get; private set; } = null!;
    protected CapturedLogs Logs { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        World = new PayoutWorld();
        Options = new PayoutReconciliationOptions { SettlementGrace = TimeSpan.FromDays(3) };
        Logs = new CapturedLogs();
        Provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(Options))
            .AddSingleton(World)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddDelayedMessageScheduler();
                bus.AddPayoutSaga().InMemoryRepository();
                bus.AddConsumer<ListingPayoutTransactions>();
                bus.AddConsumer<PostingPayoutJournals>();
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
        Saga = Harness.GetSagaStateMachineHarness<PayoutStateMachine, PayoutState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
        Logs.Dispose();
    }

    /// <summary>A snapshot as the gateway maps it; <paramref name="minutes"/> after T0 is the event's <c>created</c>.</summary>
    protected static StripePayoutReported Reported(string eventType, string status, int minutes, string reconciliation = "in_progress", bool automatic = true,
        DateTimeOffset? arrival = null, string? failureCode = null, string? eventId = null) => new()
        {
            CorrelationId = CorrelationId, PayoutId = PayoutId, StripeEventId = eventId ?? $"evt_{eventType}_{minutes}", EventType = eventType,
            AmountMinor = Amount, Currency = "USD", Status = status, Automatic = automatic,
            ReconciliationStatus = automatic ? reconciliation : "not_applicable", ArrivalDate = arrival ?? Arrival,
            BalanceTransactionId = "txn_payout_1", FailureCode = failureCode,
            FailureMessage = failureCode is null ? null : "The bank account has been closed.",
            FailureBalanceTransactionId = failureCode is null ? null : "txn_payout_failure_1",
            Description = "STRIPE PAYOUT", PayoutCreatedAt = T0, ReportedAt = T0.AddMinutes(minutes),
        };

    protected static StripePayoutReported Created(int minutes = 0, bool automatic = true) => Reported("payout.created", "pending", minutes, automatic: automatic);
    protected static StripePayoutReported Paid(int minutes = 10, bool automatic = true) => Reported("payout.paid", "paid", minutes, automatic: automatic);
    protected static StripePayoutReported Completed(int minutes = 20) => Reported("payout.reconciliation_completed", "paid", minutes, "completed");
    protected static StripePayoutReported FailedReport(int minutes = 30) => Reported("payout.failed", "failed", minutes, "completed", failureCode: "account_closed");
    protected static StripePayoutReported CanceledReport(int minutes = 5) => Reported("payout.canceled", "canceled", minutes);

    protected static RerunPayoutReconciliation Rerun(string reason = "order 1009999 landed in P21") => new()
    {
        CorrelationId = CorrelationId, PayoutId = PayoutId, RequestedBy = "controller", Reason = reason,
    };

    protected static PayoutFlagItem UnknownOrder(string chargeId) => new()
    {
        Kind = "UnknownOrder", Reason = $"charge {chargeId} names no P21 or Znode order", BalanceTransactionId = $"txn_{chargeId}", ChargeId = chargeId,
    };

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<PayoutState> WaitForState(State state)
    {
        var found = await Saga.Exists(CorrelationId, _ => state, Harness.TestTimeout);
        await Settled();
        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.That(found, Is.Not.Null, $"the payout did not reach {state.Name}; it is in {saga?.CurrentState ?? "(none)"} {saga?.FailedStep} {saga?.FailureReason}");
        return saga!;
    }

    /// <summary>Publishes one after the other, each once the saga has consumed the one before (a repeat counts again).</summary>
    protected async Task PublishInTurn<T>(params T[] messages)
        where T : class
    {
        foreach (var message in messages)
        {
            var before = Harness.Consumed.Select<T>().Count();
            await Harness.Bus.Publish(message);
            using var timeout = new CancellationTokenSource(Harness.TestTimeout);
            while (Harness.Consumed.Select<T>().Count() <= before && !timeout.IsCancellationRequested)
                await Task.Delay(20, CancellationToken.None);
            // Let what the saga sent (and the stand-ins' answers) arrive before the next message, as the dispute and customer specs do.
            await Settled();
            var fault = Harness.Published.Select<Fault<T>>().FirstOrDefault()?.Context.Message;
            Assert.That(fault, Is.Null, () => $"the saga faulted on a {typeof(T).Name}: {fault!.Exceptions.FirstOrDefault()?.Message}");
            Assert.That(Harness.Consumed.Select<T>().Count(), Is.GreaterThan(before), $"the saga did not consume the {typeof(T).Name}");
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

    protected int Count<T>() where T : class => Harness.Published.Select<T>().Count();

    protected IReadOnlyList<CapturedLogEntry> MachineLogs(LogLevel level) =>
        Logs.AtLeast(level).Where(e => e.Category == typeof(PayoutStateMachine).FullName).ToList();
}
