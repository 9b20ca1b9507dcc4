using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Sagas.CustomerSync;

namespace Payments.Sagas.Tests.CustomerSync;

/// <summary>
/// Runs the customer state machine on MassTransit's test harness with its in-memory saga repository (the EF repository and real optimistic
/// concurrency: Durable/When_the_customer_runs_on_the_EF_repository); the P21, Znode and Stripe services are stand-ins answering from
/// <see cref="CustomerWorld"/>.
/// </summary>
public abstract class CustomerSpec
{
    public const string CustomerId = "cus_1";
    public static readonly Guid CorrelationId = CorrelationKey.StripeCustomer(CustomerId).ToGuid();
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected ServiceProvider Provider = null!;
    protected ITestHarness Harness = null!;
    protected ISagaStateMachineTestHarness<CustomerStateMachine, CustomerState> Saga = null!;
    protected CustomerStateMachine Machine = null!;
    protected readonly FakeTimeProvider Clock = new(T0.AddHours(1));
    protected CustomerWorld World { get; private set; } = null!;
    protected CustomerSyncOptions Options { get; private set; } = null!;
    protected CapturedLogs Logs { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        World = new CustomerWorld();
        Options = new CustomerSyncOptions();
        Logs = new CapturedLogs();
        Provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(Options))
            .AddSingleton(World)
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumesInFlight();
                bus.AddCustomerSaga().InMemoryRepository();
                bus.AddConsumer<SyncingP21Customers>();
                bus.AddConsumer<SyncingZnodeAccounts>();
                bus.AddConsumer<UpdatingStripeCustomers>();
            })
            .BuildServiceProvider(true);
        Harness = Provider.GetRequiredService<ITestHarness>();
        Harness.TestTimeout = TimeSpan.FromSeconds(10);
        await Harness.Start();
        Saga = Harness.GetSagaStateMachineHarness<CustomerStateMachine, CustomerState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
        Logs.Dispose();
    }

    public static Dictionary<string, string?> Acme(string name = "Acme Supply", string city = "Columbus") => new()
    {
        [CustomerFieldNames.Name] = name,
        [CustomerFieldNames.Email] = "ap@acme.example",
        [CustomerFieldNames.Phone] = "+1 614 555 0100",
        [CustomerFieldNames.AddressLine1] = "1 Main St",
        [CustomerFieldNames.City] = city,
        [CustomerFieldNames.Region] = "OH",
        [CustomerFieldNames.PostalCode] = "43004",
        [CustomerFieldNames.Country] = "US",
        [CustomerFieldNames.DefaultPaymentMethod] = "pm_card_visa",
    };

    /// <summary>A <c>customer.*</c> event as the gateway maps it; <paramref name="minutes"/> after T0 is the event's <c>created</c>.</summary>
    public static StripeCustomerReported Reported(int minutes, Dictionary<string, string?>? fields = null, string[]? changed = null, string type = "customer.updated",
        Dictionary<string, string>? metadata = null, bool deleted = false, string customerId = CustomerId) => new()
        {
            CorrelationId = CorrelationKey.StripeCustomer(customerId).ToGuid(), StripeCustomerId = customerId, StripeEventId = $"evt_{type}_{minutes}", EventType = type,
            Deleted = deleted, Fields = fields ?? Acme(), ChangedFields = changed, Metadata = metadata ?? [], CustomerCreatedAt = T0, ReportedAt = T0.AddMinutes(minutes),
        };

    public static StripeCustomerReported Created(int minutes = 0, Dictionary<string, string>? metadata = null) =>
        Reported(minutes, type: "customer.created", metadata: metadata);

    public static ZnodeAccountReported ZnodeReport(int minutes, Dictionary<string, string?> fields, int userId = CustomerWorld.FoundZnodeUserId) => new()
    {
        CorrelationId = CorrelationId, StripeCustomerId = CustomerId, ZnodeUserId = userId, Fields = fields, ModifiedAt = T0.AddMinutes(minutes),
    };

    /// <summary>Until the bus has settled (<see cref="ConsumesInFlightRegistration.SettledAsync"/>).</summary>
    protected Task Settled() => Harness.SettledAsync();

    protected async Task<CustomerState> WaitForState(State state)
    {
        var found = await Saga.Exists(CorrelationId, _ => state, Harness.TestTimeout);
        await Settled();
        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.That(found, Is.Not.Null, $"the customer did not reach {state.Name}; it is in {saga?.CurrentState ?? "(none)"} {saga?.QuarantinedStep} {saga?.QuarantineReason}");
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

    protected CustomerState Current => Saga.Sagas.Contains(CorrelationId);

    protected IReadOnlyDictionary<string, string?> Applied() =>
        JsonSerializer.Deserialize<CustomerRecordJson>(Current.Record)!.Applied.ToDictionary(a => a.Field, a => a.Value);

    protected string SourceOf(string field) =>
        JsonSerializer.Deserialize<CustomerRecordJson>(Current.Record)!.Applied.Single(a => a.Field == field).Source;

    protected List<T> Sent<T>() where T : class => Harness.Published.Select<T>().Select(m => m.Context.Message).ToList();

    protected IReadOnlyList<CapturedLogEntry> MachineLogs(LogLevel level) =>
        Logs.AtLeast(level).Where(e => e.Category == typeof(CustomerStateMachine).FullName).ToList();
}
