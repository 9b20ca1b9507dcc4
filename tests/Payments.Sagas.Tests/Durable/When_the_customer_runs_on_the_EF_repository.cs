using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;
using Payments.Persistence.Configuration;
using Payments.Sagas.CustomerSync;
using Payments.Sagas.Data;
using Payments.Sagas.Tests.CustomerSync;

namespace Payments.Sagas.Tests.Durable;

/// <summary>
/// The customer state machine as the Sagas service runs it (AddSagasService + AddSagas): its migrated table, the EF repository whose row version
/// makes two updates of one customer at once collide for real, and the inbox/outbox.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_customer_runs_on_the_EF_repository(DatabaseProvider provider)
{
    TestDatabase? _database;
    IHost? _host;
    ITestHarness _harness = null!;
    readonly CustomerWorld _world = new();
    readonly UpdateGate _gate = new();

    [SetUp]
    public async Task Start()
    {
        var database = _database = await TestDatabase.Create(provider, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.Configuration["Customers:Ownership:CreditTerms"] = "P21";
        builder.AddSagasService();
        builder.Services.AddSingleton(_world);
        builder.Services.AddSingleton<IEventObserver<CustomerState>>(_gate);
        // With the service's retry policy: a write that meets the database busy (SQLite) is retried as in the service.
        builder.Services.AddRetryingTestHarness(bus =>
        {
            bus.AddSagas();
            bus.AddConsumer<SyncingP21Customers>();
            bus.AddConsumer<SyncingZnodeAccounts>();
            bus.AddConsumer<UpdatingStripeCustomers>();
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
    public async Task Should_apply_both_of_two_updates_of_one_customer_at_once()
    {
        await _harness.Bus.Publish(CustomerSpec.Created());
        await WaitFor(s => s.P21CustomerId is not null && s.ZnodeUserId is not null, "linked in P21 and Znode");
        await _harness.InactivityTask;

        // A rename in Stripe and an address change in Znode at the same moment: both load the same row version before either saves; one loses
        // at the version check and runs again on the winner's record.
        // SQLite runs one write transaction at a time: held there, the second would only wait for the first.
        if (provider == DatabaseProvider.Postgres)
            _gate.Expected = 2;
        var renamed = CustomerSpec.Reported(10, CustomerSpec.Acme(name: "Acme Supply Co"), changed: [CustomerFieldNames.Name]);
        var moved = CustomerSpec.ZnodeReport(11, CustomerSpec.Acme(city: "Dublin"));
        await Task.WhenAll(_harness.Bus.Publish(renamed), _harness.Bus.Publish(moved));

        var saga = await WaitFor(s => Applied(s).GetValueOrDefault(CustomerFieldNames.Name) == "Acme Supply Co"
            && Applied(s).GetValueOrDefault(CustomerFieldNames.City) == "Dublin", "holding both changes");
        // The commands leave the outbox after the commit: wait until they reached their consumers.
        await Eventually(() => _harness.Consumed.Select<SyncP21Customer>().Count() >= 3 && _harness.Consumed.Select<UpdateStripeCustomer>().Any());
        await _harness.InactivityTask;
        var toP21 = _harness.Consumed.Select<SyncP21Customer>().Select(m => m.Context.Message).Skip(1).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(toP21.SelectMany(c => c.Fields.Keys), Is.EquivalentTo(new[] { CustomerFieldNames.Name, CustomerFieldNames.City }), "each change written to P21 once");
            Assert.That(_harness.Consumed.Select<SyncZnodeAccount>().Select(m => m.Context.Message).Skip(1).Single().Fields.Keys, Is.EqualTo(new[] { CustomerFieldNames.Name }));
            Assert.That(_harness.Consumed.Select<UpdateStripeCustomer>().Single().Context.Message.Fields.Keys, Is.EqualTo(new[] { CustomerFieldNames.City }));
            Assert.That(_harness.Consumed.Select<StripeCustomerReported>().Count(m => m.Exception != null)
                + _harness.Consumed.Select<ZnodeAccountReported>().Count(m => m.Exception != null), Is.Zero, "an update failed for good");
            Assert.That(saga.Revision, Is.EqualTo(6), "two commands for the first report, two for each update");
        });
        // Only PostgreSQL lets the two load the row together.
        if (provider == DatabaseProvider.Postgres)
            Assert.That(_gate.Arrivals, Is.GreaterThan(2), "neither update ran again after a conflict, so the test proved nothing");
    }

    [Test]
    public async Task Should_keep_the_link_record_and_its_quarantine_in_its_table()
    {
        _world.Refuse(nameof(SyncP21Customer), "P21 refuses: phone is 42 characters, P21 accepts 20");
        await _harness.Bus.Publish(CustomerSpec.Created(metadata: new() { ["znode_user_id"] = "12" }));

        var saga = await WaitFor(s => s.CurrentState == nameof(CustomerStateMachine.Quarantined), "Quarantined");
        Assert.Multiple(() =>
        {
            Assert.That((saga.QuarantinedSystem, saga.QuarantinedStep, saga.ZnodeUserId, saga.LinkedBy), Is.EqualTo(("P21", nameof(SyncP21Customer), (int?)12, "metadata")));
            Assert.That(saga.QuarantineReason, Does.Contain("phone is 42 characters"));
            Assert.That(Applied(saga)[CustomerFieldNames.Email], Is.EqualTo("ap@acme.example"));
            Assert.That(JsonDocument.Parse(saga.LastDecisions).RootElement.GetArrayLength(), Is.GreaterThan(0));
        });
    }

    async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        while (!condition() && !timeout.IsCancellationRequested)
            await Task.Delay(50, CancellationToken.None);
    }

    static Dictionary<string, string?> Applied(CustomerState saga) =>
        JsonSerializer.Deserialize<CustomerRecordJson>(saga.Record)!.Applied.ToDictionary(a => a.Field, a => a.Value);

    async Task<CustomerState> WaitFor(Func<CustomerState, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        CustomerState? saga = null;
        while (!timeout.IsCancellationRequested)
        {
            await using (var scope = _host!.Services.CreateAsyncScope())
                saga = await scope.ServiceProvider.GetRequiredService<SagaDbContext>().Customers.AsNoTracking()
                    .SingleOrDefaultAsync(s => s.CorrelationId == CustomerSpec.CorrelationId);
            if (saga is not null && condition(saga))
                return saga;
            await Task.Delay(50, CancellationToken.None);
        }
        var errors = _harness.Consumed.Select<StripeCustomerReported>().Where(m => m.Exception != null).Select(m => m.Exception!.Message);
        Assert.Fail($"the customer did not become {what}; it is in {saga?.CurrentState ?? "(no row)"} {saga?.QuarantineReason}; failed reports: {string.Join(" | ", errors)}");
        return null!;
    }

    /// <summary>
    /// Holds every Stripe or Znode update of a customer that exists until <see cref="Expected"/> of them are under way (or <see cref="Limit"/> passed), so
    /// they load the same row version; a loser that runs again passes too, so <see cref="Arrivals"/> above <see cref="Expected"/> proves a conflict.
    /// </summary>
    sealed class UpdateGate : IEventObserver<CustomerState>
    {
        readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _arrivals;

        public int Expected { get; set; } = int.MaxValue;
        public TimeSpan Limit { get; } = TimeSpan.FromSeconds(5);
        public int Arrivals => Volatile.Read(ref _arrivals);

        public async Task PreExecute<T>(BehaviorContext<CustomerState, T> context)
            where T : class
        {
            if (Expected == int.MaxValue || context.Message is not (StripeCustomerReported or ZnodeAccountReported) || context.Saga.CurrentState is null or "Initial")
                return;
            if (Interlocked.Increment(ref _arrivals) >= Expected)
                _allArrived.TrySetResult();
            await Task.WhenAny(_allArrived.Task, Task.Delay(Limit));
        }

        public Task PreExecute(BehaviorContext<CustomerState> context) => Task.CompletedTask;
        public Task PostExecute(BehaviorContext<CustomerState> context) => Task.CompletedTask;
        public Task PostExecute<T>(BehaviorContext<CustomerState, T> context) where T : class => Task.CompletedTask;
        public Task ExecuteFault(BehaviorContext<CustomerState> context, Exception exception) => Task.CompletedTask;
        public Task ExecuteFault<T>(BehaviorContext<CustomerState, T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
