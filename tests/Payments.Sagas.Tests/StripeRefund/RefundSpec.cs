using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Sagas.StripeRefund;

namespace Payments.Sagas.Tests.StripeRefund;

/// <summary>
/// Runs the stripe-refund state machine on MassTransit's test harness with its in-memory saga repository and the in-memory transport's
/// delayed delivery as the scheduler (the durable scheduler: Durable/When_the_refund_runs_on_the_EF_repository).
/// </summary>
public abstract class RefundSpec
{
    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<RefundStateMachine, RefundState> Saga = null!;
    protected RefundStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 9, 30, 0, TimeSpan.Zero));
    protected static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    protected RefundWorld World { get; private set; } = null!;
    /// <summary>New for each test; the machine reads it at each event. Long enough that no spec meets a recheck it did not ask for.</summary>
    protected StripeRefundOptions Options { get; private set; } = null!;
    protected CapturedLogs Logs { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        World = new RefundWorld();
        Options = new StripeRefundOptions { RecheckAfter = TimeSpan.FromHours(1), MaxRechecks = 3 };
        Logs = new CapturedLogs();
        Provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(World)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(Options))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddDelayedMessageScheduler();
                bus.AddStripeRefundSaga().InMemoryRepository();
                bus.AddConsumer<DescribingStripe>();
                bus.AddConsumer<BookingP21>();
                bus.AddConsumer<RecordingZnode>();
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
        Saga = Harness.GetSagaStateMachineHarness<RefundStateMachine, RefundState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
        Logs.Dispose();
    }

    /// <summary>A charge as charge-to-order leaves it (its P21 order written back), or as a Znode order's payment (<paramref name="znodeOrder"/>).</summary>
    protected StripeChargeFacts Charge(string chargeId = "ch_r1", long amount = 5000, string currency = "USD", string? p21Order = "1045",
        string? znodeOrder = null, params ChargeRefundFact[] refunds)
    {
        var charge = new StripeChargeFacts
        {
            ChargeId = chargeId, PaymentIntentId = $"pi_{chargeId}", AmountMinor = amount, Currency = currency, Status = "succeeded",
            AmountRefundedMinor = refunds.Where(r => r.Status is "pending" or "succeeded" or "requires_action").Sum(r => r.AmountMinor),
            Refunds = refunds, Disputed = false, P21OrderNo = p21Order, P21CustomerId = p21Order is null ? null : "100198",
            ZnodeOrderNumber = znodeOrder, CreatedAt = T0.AddDays(-1),
        };
        World.Charge(charge);
        return charge;
    }

    protected static ChargeRefundFact Listed(string refundId, long amount, string status = "succeeded", int minutes = 0) => new()
    {
        RefundId = refundId, AmountMinor = amount, Status = status, CreatedAt = T0.AddMinutes(minutes),
    };

    /// <summary>A Stripe event about one refund, its own amount, as the gateway (or the Stripe service for charge.refunded) publishes it.</summary>
    protected static StripeRefundReported Reported(string refundId = "re_1", long amount = 3000, string status = "succeeded", string chargeId = "ch_r1",
        string currency = "USD", int secondsLater = 0, string eventType = "refund.created", string? failureReason = null, string? znodeReturn = null) => new()
        {
            CorrelationId = CorrelationKey.StripeRefund(refundId).ToGuid(),
            StripeEventId = $"evt_{refundId}_{eventType}_{status}_{secondsLater}",
            EventType = eventType,
            RefundId = refundId,
            ChargeId = chargeId,
            PaymentIntentId = $"pi_{chargeId}",
            AmountMinor = amount,
            Currency = currency,
            Status = status,
            FailureReason = failureReason,
            Reason = "requested_by_customer",
            ZnodeReturnNumber = znodeReturn,
            RefundCreatedAt = T0,
            ReportedAt = T0.AddSeconds(secondsLater),
        };

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    /// <param name="settle">False where the bus never settles: a saga rechecking in a loop faster than the quiet spell.</param>
    protected async Task<RefundState> WaitForState(Guid correlationId, State state, bool settle = true)
    {
        var found = await Saga.Exists(correlationId, _ => state, Harness.TestTimeout);
        if (settle) await Settled();
        var saga = Saga.Sagas.Contains(correlationId);
        Assert.That(found, Is.Not.Null, $"saga {correlationId} did not reach {state.Name}; it is in {saga?.CurrentState ?? "(none)"} {saga?.FailedStep} {saga?.FailureReason}");
        return saga!;
    }

    /// <summary>
    /// Publishes the report and waits until the saga has taken it (it may be a repeat of one taken before). Polls the consumed list: once the
    /// harness has seen the bus idle, its Any() no longer waits.
    /// </summary>
    protected async Task Report(StripeRefundReported report)
    {
        int Taken() => Harness.Consumed.Select<StripeRefundReported>().Count(x => x.Context.Message.StripeEventId == report.StripeEventId);
        var before = Taken();
        await Harness.Bus.Publish(report);
        using var timeout = new CancellationTokenSource(Harness.TestTimeout);
        while (Taken() == before && !timeout.IsCancellationRequested)
            await Task.Delay(20, CancellationToken.None);
        Assert.That(Taken(), Is.GreaterThan(before), $"report {report.StripeEventId} was not taken");
    }

    protected IReadOnlyList<T> Published<T>() where T : class => Harness.Published.Select<T>().Select(x => x.Context.Message).ToList();

    /// <summary>Warnings and errors the refund machine logged: expected paths (repeats, older reports) log none.</summary>
    protected IReadOnlyList<CapturedLogEntry> MachineWarnings() =>
        Logs.AtLeast(LogLevel.Warning).Where(e => e.Category == typeof(RefundStateMachine).FullName).ToList();
}
