using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Sagas.ZnodeOrderToCash;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

/// <summary>
/// Runs the Znode order state machine on MassTransit's test harness with its in-memory saga repository and the in-memory transport's
/// delayed delivery as the scheduler (the durable scheduler is shown in tests/Payments.Persistence.Tests/Scheduling).
/// </summary>
public abstract class ZnodeOrderSpec
{
    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<ZnodeOrderStateMachine, ZnodeOrderState> Saga = null!;
    protected ZnodeOrderStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 9, 30, 0, TimeSpan.Zero));
    /// <summary>Long enough that no spec meets a reminder it did not ask for.</summary>
    /// <summary>New for each test (NUnit shares the fixture instance between its tests); the machine reads it at each event.</summary>
    protected ZnodeOrderToCashOptions Options { get; private set; } = null!;

    /// <summary>Consumers that stand in for the Stripe, Znode and P21 services; by default each step succeeds.</summary>
    protected virtual void AddServiceStandIns(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<CheckingStripe>();
        bus.AddConsumer<AcceptingZnode>();
        bus.AddConsumer<PostingP21Journal>();
    }

    [SetUp]
    public async Task StartHarness()
    {
        Options = new ZnodeOrderToCashOptions { RemindAfter = TimeSpan.FromHours(1), UnpaidAfterReminder = TimeSpan.FromHours(1) };
        Provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(Options))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddDelayedMessageScheduler();
                bus.AddZnodeOrderSaga().InMemoryRepository();
                AddServiceStandIns(bus);
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
        Saga = Harness.GetSagaStateMachineHarness<ZnodeOrderStateMachine, ZnodeOrderState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
    }

    protected static ZnodeOrderPlaced OrderPlaced(string orderNumber = "ZN-1001", string? email = "pat@shop.example", string? currency = "USD", decimal total = 129.99m,
        string source = "poller") => new()
        {
            CorrelationId = CorrelationKey.ZnodeOrder(orderNumber).ToGuid(),
            OrderNumber = orderNumber,
            OmsOrderId = 5001,
            PortalId = 1,
            PlacedAt = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero),
            Shopper = new ZnodeShopper { UserId = 77, Email = email, FirstName = "Pat", LastName = "Lee" },
            CurrencyCode = currency,
            Total = total,
            BillingAddress = new ZnodeAddress { FirstName = "Pat", LastName = "Lee", Address1 = "1 Main St", CityName = "Seattle", StateName = "WA", PostalCode = "98101", CountryName = "US" },
            Source = source,
        };

    protected static ZnodeOrderPaymentSucceeded PaymentSucceeded(ZnodeOrderPlaced order, string eventId = "evt_paid_1", string chargeId = "ch_paid_1") => new()
    {
        CorrelationId = order.CorrelationId,
        OrderNumber = order.OrderNumber,
        StripeEventId = eventId,
        PaymentIntentId = CheckingStripe.PaymentIntentOf(order.OrderNumber),
        ChargeId = chargeId,
        AmountMinor = 12_999,
        Currency = "USD",
        PaidAt = new DateTimeOffset(2026, 11, 29, 9, 5, 0, TimeSpan.Zero),
    };

    protected static ZnodeOrderPaymentFailed PaymentFailed(ZnodeOrderPlaced order, string eventId = "evt_declined_1", string chargeId = "ch_declined_1",
        string declineCode = "insufficient_funds") => new()
        {
            CorrelationId = order.CorrelationId,
            OrderNumber = order.OrderNumber,
            StripeEventId = eventId,
            PaymentIntentId = CheckingStripe.PaymentIntentOf(order.OrderNumber),
            ChargeId = chargeId,
            DeclineCode = declineCode,
            FailureMessage = "Your card has insufficient funds.",
            FailedAt = new DateTimeOffset(2026, 11, 29, 9, 4, 0, TimeSpan.Zero),
        };

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<ZnodeOrderState> WaitForState(Guid correlationId, State state)
    {
        var found = await Saga.Exists(correlationId, _ => state, Harness.TestTimeout);
        await Settled();
        Assert.That(found, Is.Not.Null, $"saga {correlationId} did not reach {state.Name}; it is in {Saga.Sagas.Contains(correlationId)?.CurrentState ?? "(none)"}");
        return Saga.Sagas.Contains(correlationId);
    }

    /// <summary>Places the order and waits until its payment is offered.</summary>
    protected async Task<ZnodeOrderPlaced> PlaceAndAwaitPayment(string orderNumber = "ZN-1001")
    {
        var order = OrderPlaced(orderNumber);
        await Harness.Bus.Publish(order);
        await WaitForState(order.CorrelationId, Machine.AwaitingPayment);
        Assert.That(await Harness.Consumed.Any<OfferZnodeOrderPayment>(x => x.Context.Message.CorrelationId == order.CorrelationId), Is.True);
        return order;
    }
}
