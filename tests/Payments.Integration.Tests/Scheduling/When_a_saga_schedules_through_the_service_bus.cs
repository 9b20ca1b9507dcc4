using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Persistence.Configuration;
using Payments.Persistence.Sagas;
using Payments.Persistence.Scheduling;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Messaging;
using Payments.Testing;
using ScheduledMessage = Payments.Persistence.Scheduling.ScheduledMessage;

namespace Payments.Integration.Tests.Scheduling;

/// <summary>
/// The scheduler on a plain RabbitMQ 3.10 (no delayed-message plugin), wired as a service is (AddPaymentsBus with
/// AddPaymentsScheduler and AddPaymentsMessageScheduler): a state machine's Schedule fires, its Unschedule cancels.
/// With quorum queues too, where a send to a <c>queue:</c> address would be refused; and on the sandbox's in-memory bus.
/// </summary>
[TestFixture(BusTransport.RabbitMq, RabbitQueueType.Classic)]
[TestFixture(BusTransport.RabbitMq, RabbitQueueType.Quorum)]
[TestFixture(BusTransport.InMemory, RabbitQueueType.Classic)]
public class When_a_saga_schedules_through_the_service_bus(BusTransport transport, RabbitQueueType queueType)
{
    Broker? _broker;
    string _virtualHost = null!;
    TestDatabase _database = null!;
    IHost _host = null!;

    [SetUp]
    public async Task Start()
    {
        var settings = new Dictionary<string, string?> { ["Scheduler:MaxPollInterval"] = "00:00:00.200" };
        if (transport == BusTransport.RabbitMq)
        {
            _broker = await Broker.ConnectOrIgnoreAsync();
            // Its own virtual host: a queue's type cannot change, and no other test's scheduler reads this one's queue.
            _virtualHost = $"payments-scheduler-{Guid.NewGuid():N}"[..28];
            await _broker.CreateVirtualHostAsync(_virtualHost);
            foreach (var (key, value) in _broker.BusConfiguration(("Bus:RabbitMq:VirtualHost", _virtualHost), ("Bus:RabbitMq:QueueType", queueType.ToString())))
                settings[key] = value;
        }
        _database = await TestDatabase.Create(TestPostgres.Server is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres,
            "payments_scheduler_rabbit");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Critical);
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddPaymentsDbContext<SchedulerDbContext>(_database.Provider, _database.ConnectionString);
        builder.AddPaymentsBus(bus =>
        {
            bus.AddPaymentsScheduler<SchedulerDbContext>();
            bus.AddPaymentsMessageScheduler(SchedulerEndpoint.Address);
            bus.AddSagaStateMachine<UnpaidIntentStateMachine, UnpaidIntentState, UnpaidIntentStateDefinition>()
                .PaymentsEfRepository<UnpaidIntentState, SchedulerDbContext>();
        });
        _host = builder.Build();
        await Query(db => db.Database.EnsureCreatedAsync());
        await _host.StartAsync();

        // The first message of a fresh process takes seconds on a busy machine; the test below times what follows.
        var warmUp = NewId.NextGuid();
        await _host.Services.GetRequiredService<IBus>().Publish(new IntentCreated(warmUp, DateTime.UtcNow));
        Assert.That(await Until(async () => await State(warmUp) == "Expired"), "the warm-up intent never expired");
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
        if (_broker is not null)
        {
            await _broker.DeleteVirtualHostAsync(_virtualHost);
            await _broker.DisposeAsync();
        }
    }

    [Test]
    public async Task Should_expire_the_unpaid_intent_once_and_never_the_paid_one()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var unpaid = NewId.NextGuid();
        var paid = NewId.NextGuid();
        var expiresAt = DateTime.UtcNow.AddSeconds(5);

        await bus.Publish(new IntentCreated(unpaid, expiresAt));
        await bus.Publish(new IntentCreated(paid, expiresAt));
        Assert.That(await Until(async () => await Query(db => db.Set<ScheduledMessage>().CountAsync()) == 2), "the expiries were not scheduled");
        await bus.Publish(new IntentPaid(paid));
        Assert.That(await Until(async () => await State(paid) == "Settled"), "the payment was not recorded");
        Assert.That(DateTime.UtcNow, Is.LessThan(expiresAt), "too slow to pay before the expiry; the test proves nothing");

        Assert.That(await Until(async () => await State(unpaid) == "Expired"), "the unpaid intent never expired");
        // Long enough for a second firing or the cancelled one to show.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Multiple(async () =>
        {
            Assert.That(DateTime.UtcNow, Is.GreaterThan(expiresAt));
            Assert.That(await State(paid), Is.EqualTo("Settled"), "the cancelled expiry fired");
            Assert.That(await Query(db => db.Set<ScheduledMessage>().CountAsync()), Is.Zero, "a schedule was left behind");
            Assert.That(await Query(db => db.Set<UnpaidIntentState>().Where(x => x.CorrelationId == unpaid).Select(x => x.ExpiryTokenId).SingleAsync()),
                Is.Null, "the fired expiry's token was kept");
        });
        if (_broker is not null)
        {
            var scheduler = await _broker.QueueAsync(_virtualHost, SchedulerEndpoint.QueueName);
            Assert.That(scheduler.GetProperty("type").GetString(), Is.EqualTo(queueType.ToString().ToLowerInvariant()));
        }
    }

    async Task<T> Query<T>(Func<SchedulerDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SchedulerDbContext>());
    }

    Task<string?> State(Guid intentId) =>
        Query(db => db.Set<UnpaidIntentState>().Where(x => x.CorrelationId == intentId).Select(x => x.CurrentState).SingleOrDefaultAsync());

    static async Task<bool> Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(50);
        }
        return await condition();
    }
}
