using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;
using Payments.Sagas.Data;
using Payments.Sagas.Tests.ZnodeOrderToCash;
using Payments.Sagas.ZnodeOrderToCash;

namespace Payments.Sagas.Tests.Durable;

/// <summary>The Znode order state machine as the Sagas service runs it (AddSagasService + AddSagas): its migrated table, EF repository, inbox/outbox and the durable scheduler.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_znode_order_runs_on_the_EF_repository(DatabaseProvider provider)
{
    TestDatabase? _database;
    IHost? _host;
    ITestHarness _harness = null!;

    [SetUp]
    public async Task Start()
    {
        var database = _database = await TestDatabase.Create(provider, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.Configuration["Scheduler:MaxPollInterval"] = "00:00:00.200";
        builder.Configuration["ZnodeOrderToCash:RemindAfter"] = "00:00:01";
        builder.Configuration["ZnodeOrderToCash:UnpaidAfterReminder"] = "01:00:00";
        builder.AddSagasService();
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddSagas();
            bus.AddConsumer<CheckingStripe>();
            bus.AddConsumer<AcceptingZnode>();
            bus.AddConsumer<PostingP21Journal>();
            // What AddPaymentsBus does for the service: every consume context schedules through the durable scheduler.
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseMessageScheduler(SchedulerEndpoint.Address);
                cfg.ConfigureEndpoints(context);
            });
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
    public async Task Should_remind_through_the_durable_scheduler_and_keep_the_paid_order_in_its_table()
    {
        var order = new ZnodeOrderPlaced
        {
            CorrelationId = CorrelationKey.ZnodeOrder("ZN-EF-1").ToGuid(), OrderNumber = "ZN-EF-1", OmsOrderId = 9001,
            PlacedAt = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero), Shopper = new ZnodeShopper { Email = "pat@shop.example" },
            CurrencyCode = "KWD", Total = 12.340m, Source = "poller",
        };

        await _harness.Bus.Publish(order);
        // The harness counts the bus idle while the reminder waits in the ScheduledMessage table: read the saga's row instead.
        await WaitFor(order.CorrelationId, s => s.RemindedAt is not null, "reminded");
        await _harness.Bus.Publish(new ZnodeOrderPaymentSucceeded
        {
            CorrelationId = order.CorrelationId, OrderNumber = order.OrderNumber, StripeEventId = "evt_ef_1", PaymentIntentId = "pi_ZN-EF-1",
            ChargeId = "ch_ef_1", AmountMinor = 12_340, Currency = "KWD", PaidAt = DateTimeOffset.UtcNow,
        });

        var saga = await WaitFor(order.CorrelationId, s => s.CurrentState == "Final", "Final");
        Assert.Multiple(() =>
        {
            Assert.That((saga.OrderNumber, saga.OrderTotal, saga.AmountMinor, saga.Currency), Is.EqualTo(("ZN-EF-1", 12.340m, (long?)12_340, "KWD")));
            Assert.That((saga.ZnodePaymentStatus, saga.P21JournalReference), Is.EqualTo(("CAPTURED", PostingP21Journal.TransactionNumber)));
            Assert.That(saga.RemindedAt, Is.Not.Null);
            Assert.That(saga.PaymentOverdueTokenId, Is.Null, "the final deadline was cancelled");
        });
    }

    async Task<ZnodeOrderState> WaitFor(Guid correlationId, Func<ZnodeOrderState, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        ZnodeOrderState? saga = null;
        while (!timeout.IsCancellationRequested)
        {
            await using (var scope = _host!.Services.CreateAsyncScope())
                saga = await scope.ServiceProvider.GetRequiredService<SagaDbContext>().ZnodeOrders.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId);
            if (saga is not null && condition(saga))
                return saga;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"saga {correlationId} did not become {what}; it is in {saga?.CurrentState ?? "(no row)"} {saga?.FailedStep} {saga?.FailureReason}");
        return null!;
    }
}
