using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Sagas.StripeSubscription;

namespace Payments.Sagas.Tests.StripeSubscription;

/// <summary>
/// Runs the subscription state machine on MassTransit's test harness with its in-memory saga repository; the Stripe and P21 services are
/// stand-ins answering from <see cref="SubscriptionWorld"/>.
/// </summary>
public abstract class SubscriptionSpec
{
    public const string SubscriptionId = "sub_1";
    public const string CustomerId = "cus_1";
    public static readonly Guid CorrelationId = CorrelationKey.StripeSubscription(SubscriptionId).ToGuid();
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<SubscriptionStateMachine, SubscriptionState> Saga = null!;
    protected SubscriptionStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(T0.AddHours(1));
    protected SubscriptionWorld World { get; private set; } = null!;
    protected StripeSubscriptionOptions Options { get; private set; } = null!;
    protected CapturedLogs Logs { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        World = new SubscriptionWorld();
        Options = new StripeSubscriptionOptions();
        Logs = new CapturedLogs();
        Provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(Options))
            .AddSingleton(World)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddSubscriptionSaga().InMemoryRepository();
                bus.AddConsumer<DescribingSubscriptionInvoices>();
                bus.AddConsumer<PostingSubscriptionInvoices>();
            })
            .BuildServiceProvider(true);
        Harness = Provider.GetRequiredService<ITestHarness>();
        Harness.TestTimeout = TimeSpan.FromSeconds(10);
        await Harness.Start();
        Saga = Harness.GetSagaStateMachineHarness<SubscriptionStateMachine, SubscriptionState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
        Logs.Dispose();
    }

    /// <summary>A <c>customer.subscription.*</c> event as the gateway maps it; <paramref name="minutes"/> after T0 is the event's <c>created</c>.</summary>
    public static StripeSubscriptionReported Subscription(string status, int minutes, string type = "customer.subscription.updated", string? reason = null) => new()
    {
        CorrelationId = CorrelationId, SubscriptionId = SubscriptionId, StripeCustomerId = CustomerId, StripeEventId = $"evt_{type}_{minutes}", EventType = type,
        Status = status, Currency = "usd",
        Items = [new SubscriptionItem { ItemId = "si_1", PriceId = "price_pro", ProductId = "prod_pro", Quantity = 1, UnitAmountMinor = 5_000, Interval = "month" }],
        CurrentPeriodStart = T0, CurrentPeriodEnd = T0.AddMonths(1),
        CanceledAt = status == "canceled" ? T0.AddMinutes(minutes) : null, EndedAt = status == "canceled" ? T0.AddMinutes(minutes) : null,
        CancellationReason = reason, SubscriptionCreatedAt = T0, ReportedAt = T0.AddMinutes(minutes),
    };

    /// <summary>An <c>invoice.*</c> event of the subscription.</summary>
    public static StripeInvoiceReported Invoice(string type, string status, int minutes, string invoiceId = "in_1", int attempt = 0) => new()
    {
        CorrelationId = CorrelationId, InvoiceId = invoiceId, SubscriptionId = SubscriptionId, StripeCustomerId = CustomerId,
        StripeEventId = $"evt_{type}_{invoiceId}_{minutes}", EventType = type, Status = status, Number = $"N-{invoiceId}", Currency = "USD",
        TotalMinor = 4_000, AmountDueMinor = 4_000, AmountPaidMinor = status == "paid" ? 4_000 : 0, BillingReason = "subscription_cycle", AttemptCount = attempt,
        NextPaymentAttempt = type == "invoice.payment_failed" ? T0.AddDays(3) : null,
        FailureMessage = type == "invoice.payment_failed" ? "Your card has insufficient funds." : null,
        InvoiceCreatedAt = T0, ReportedAt = T0.AddMinutes(minutes),
    };

    public static StripeInvoiceReported Paid(string invoiceId = "in_1", int minutes = 10) => Invoice("invoice.paid", "paid", minutes, invoiceId, attempt: 1);
    public static StripeInvoiceReported PaymentFailed(int attempt, string invoiceId = "in_1", int minutes = 10) =>
        Invoice("invoice.payment_failed", "open", minutes + attempt, invoiceId, attempt);

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<SubscriptionState> WaitForState(State state)
    {
        var found = await Saga.Exists(CorrelationId, _ => state, Harness.TestTimeout);
        await Settled();
        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.That(found, Is.Not.Null, $"the subscription did not reach {state.Name}; it is in {saga?.CurrentState ?? "(none)"}");
        return saga!;
    }

    /// <summary>Publishes one after the other, each once the saga has consumed it and the bus has settled (the stand-ins' answers included).</summary>
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
            await Settled();
            var fault = Harness.Published.Select<Fault<T>>().FirstOrDefault()?.Context.Message;
            Assert.That(fault, Is.Null, () => $"the saga faulted on a {typeof(T).Name}: {fault!.Exceptions.FirstOrDefault()?.Message}");
        }
    }

    /// <summary>Waits until the invoice's entry reaches <paramref name="step"/> (a chain of commands and answers runs on after the bus looks idle).</summary>
    protected async Task WaitForStep(string step, string invoiceId = "in_1")
    {
        using var timeout = new CancellationTokenSource(Harness.TestTimeout);
        while (!timeout.IsCancellationRequested && SubscriptionInvoiceEntry.Read(Current?.Invoices ?? "[]").FirstOrDefault(e => e.InvoiceId == invoiceId)?.Step != step)
            await Task.Delay(20, CancellationToken.None);
        await Settled();
        var entry = SubscriptionInvoiceEntry.Read(Current?.Invoices ?? "[]").FirstOrDefault(e => e.InvoiceId == invoiceId);
        Assert.That(entry?.Step, Is.EqualTo(step), $"invoice {invoiceId} did not reach {step}: {entry?.Reason}");
    }

    protected SubscriptionState Current => Saga.Sagas.Contains(CorrelationId);

    protected SubscriptionInvoiceEntry Entry(string invoiceId = "in_1") => SubscriptionInvoiceEntry.Read(Current.Invoices).Single(e => e.InvoiceId == invoiceId);

    protected List<T> Sent<T>() where T : class => Harness.Published.Select<T>().Select(m => m.Context.Message).ToList();

    protected IReadOnlyList<CapturedLogEntry> MachineLogs(LogLevel level) =>
        Logs.AtLeast(level).Where(e => e.Category == typeof(SubscriptionStateMachine).FullName).ToList();

    protected static List<SubscriptionItem> Items(SubscriptionState saga) => JsonSerializer.Deserialize<List<SubscriptionItem>>(saga.Items)!;
}
