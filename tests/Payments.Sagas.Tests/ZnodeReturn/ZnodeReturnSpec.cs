using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;
using Payments.Sagas.StripeRefund;
using Payments.Sagas.Tests.StripeRefund;
using Payments.Sagas.ZnodeReturn;

namespace Payments.Sagas.Tests.ZnodeReturn;

/// <summary>
/// Runs the znode-return state machine beside the stripe-refund one (which books the refund and announces it) on MassTransit's test
/// harness with in-memory repositories; stand-ins answer for Stripe, P21 and Znode.
/// </summary>
public abstract class ZnodeReturnSpec
{
    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<ZnodeReturnStateMachine, ZnodeReturnState> Saga = null!;
    protected ISagaStateMachineTestHarness<RefundStateMachine, RefundState> Refunds = null!;
    protected ZnodeReturnStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 9, 30, 0, TimeSpan.Zero));
    protected ReturnWorld Stripe { get; private set; } = null!;
    protected RefundWorld World { get; private set; } = null!;
    protected CapturedLogs Logs { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        Stripe = new ReturnWorld();
        World = new RefundWorld();
        Logs = new CapturedLogs();
        Provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Stripe)
            .AddSingleton(World)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new StripeRefundOptions { RecheckAfter = TimeSpan.FromHours(1) }))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddDelayedMessageScheduler();
                bus.AddZnodeReturnSaga().InMemoryRepository();
                bus.AddStripeRefundSaga().InMemoryRepository();
                bus.AddConsumer<RefundingStripe>();
                bus.AddConsumer<DescribingStripe>();
                bus.AddConsumer<BookingP21>();
                bus.AddConsumer<RecordingZnode>();
                bus.AddConsumer<CompletingZnodeReturn>();
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
        Saga = Harness.GetSagaStateMachineHarness<ZnodeReturnStateMachine, ZnodeReturnState>();
        Refunds = Harness.GetSagaStateMachineHarness<RefundStateMachine, RefundState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
        Logs.Dispose();
    }

    /// <summary>The return as the Znode service's poller publishes it, and the Znode order's charge as Stripe describes it.</summary>
    protected ZnodeReturnApproved Approved(string returnNumber = "RMA-77", decimal amount = 30.00m, string currency = "USD", long chargeAmount = 5000,
        string source = "poller", string state = "APPROVED")
    {
        World.Charge(new StripeChargeFacts
        {
            ChargeId = "ch_zn_1", AmountMinor = chargeAmount, Currency = currency, Status = "succeeded", AmountRefundedMinor = 0, Disputed = false,
            ZnodeOrderNumber = "ZN-1001", CreatedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
        });
        return new ZnodeReturnApproved
        {
            CorrelationId = CorrelationKey.ZnodeReturn(returnNumber).ToGuid(), ReturnNumber = returnNumber, OrderNumber = "ZN-1001", OmsOrderId = 5001,
            ApprovedAmount = amount, CurrencyCode = currency, ReturnState = state, ChargeId = "ch_zn_1", ShopperEmail = "pat@shop.example",
            ApprovedAt = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero), Source = source,
        };
    }

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<ZnodeReturnState> WaitForState(Guid correlationId, State state)
    {
        var found = await Saga.Exists(correlationId, _ => state, Harness.TestTimeout);
        await Settled();
        var saga = Saga.Sagas.Contains(correlationId);
        Assert.That(found, Is.Not.Null, $"saga {correlationId} did not reach {state.Name}; it is in {saga?.CurrentState ?? "(none)"} {saga?.FailedStep} {saga?.FailureReason}");
        return saga!;
    }

    protected IReadOnlyList<T> Published<T>() where T : class => Harness.Published.Select<T>().Select(x => x.Context.Message).ToList();
}
