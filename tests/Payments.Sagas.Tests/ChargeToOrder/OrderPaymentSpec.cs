using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Sagas;
using Payments.Sagas.ChargeToOrder;

namespace Payments.Sagas.Tests.ChargeToOrder;

/// <summary>Runs the order-payment state machine on MassTransit's test harness with its in-memory saga repository.</summary>
public abstract class OrderPaymentSpec
{
    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<OrderPaymentStateMachine, OrderPaymentState> Saga = null!;
    protected OrderPaymentStateMachine Machine = null!;
    /// <summary>The saga's clock: fixed, so a spec can assert the times the saga records.</summary>
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 29, 9, 30, 0, TimeSpan.Zero));

    /// <summary>Consumers that stand in for the P21 and Stripe services; each spec picks what they do.</summary>
    protected virtual void AddServiceStandIns(IBusRegistrationConfigurator bus) { }

    [SetUp]
    public async Task StartHarness()
    {
        Provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddOrderPaymentSaga().InMemoryRepository();
                AddServiceStandIns(bus);
            })
            .BuildServiceProvider(true);
        Harness = Provider.GetRequiredService<ITestHarness>();
        Harness.TestTimeout = TimeSpan.FromSeconds(10);
        await Harness.Start();
        Saga = Harness.GetSagaStateMachineHarness<OrderPaymentStateMachine, OrderPaymentState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
    }

    /// <summary>The shop's lines on the charge (metadata <c>items</c>), as a charge that carries everything has them.</summary>
    protected static readonly IReadOnlyList<OrderLine> ShopLines = [new OrderLine { Sku = "WIDGET-001", Quantity = 2 }];

    /// <summary>A charge that carries everything (lines and the customer's e-mail) unless told otherwise: the saga posts it at once.</summary>
    protected static StripeChargeSucceeded ChargeSucceeded(string chargeId = "ch_spec_1", string? paymentIntentId = "pi_spec_1", string eventId = "evt_spec_1",
        IReadOnlyList<OrderLine>? lines = null, string? email = "ap@acme.example", string? stripeCustomerId = null,
        IReadOnlyDictionary<string, string>? metadata = null) => new()
        {
            CorrelationId = CorrelationKey.StripePayment(paymentIntentId, chargeId).ToGuid(),
            StripeEventId = eventId,
            Livemode = false,
            Payment = new PaymentDetails
            {
                ChargeId = chargeId,
                PaymentIntentId = paymentIntentId,
                AmountMinor = 12_345,
                Currency = "USD",
                CustomerEmail = email,
                StripeCustomerId = stripeCustomerId,
                Metadata = metadata ?? new Dictionary<string, string>(),
                Lines = lines ?? ShopLines,
                PaidAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
            },
        };

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<OrderPaymentState> WaitForState(Guid correlationId, State state)
    {
        var found = await Saga.Exists(correlationId, _ => state, Harness.TestTimeout);
        await Settled();
        Assert.That(found, Is.Not.Null, $"saga {correlationId} did not reach {state.Name}");
        return Saga.Sagas.Contains(correlationId);
    }
}
