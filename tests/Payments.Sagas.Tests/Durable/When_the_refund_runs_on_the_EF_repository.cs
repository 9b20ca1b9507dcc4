using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;
using Payments.Sagas.Data;
using Payments.Sagas.StripeRefund;
using Payments.Sagas.Tests.StripeRefund;

namespace Payments.Sagas.Tests.Durable;

/// <summary>The stripe-refund state machine as the Sagas service runs it (AddSagasService + AddSagas): its migrated table, EF repository, inbox/outbox and the durable scheduler.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_refund_runs_on_the_EF_repository(DatabaseProvider provider)
{
    TestDatabase? _database;
    IHost? _host;
    ITestHarness _harness = null!;
    readonly RefundWorld _world = new();

    [SetUp]
    public async Task Start()
    {
        var database = _database = await TestDatabase.Create(provider, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.Configuration["Scheduler:MaxPollInterval"] = "00:00:00.200";
        builder.Configuration["StripeRefund:RecheckAfter"] = "00:00:01";
        builder.Configuration["StripeRefund:MaxRechecks"] = "30";
        builder.AddSagasService();
        builder.Services.AddSingleton(_world);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddSagas();
            bus.AddConsumer<DescribingStripe>();
            bus.AddConsumer<BookingP21>();
            bus.AddConsumer<RecordingZnode>();
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
    public async Task Should_recheck_through_the_durable_scheduler_book_once_the_order_exists_and_reverse_after_Final()
    {
        var created = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
        // A KWD Znode order's charge whose metadata Stripe has not shown yet.
        _world.Charge(new StripeChargeFacts
        {
            ChargeId = "ch_ef_1", AmountMinor = 20_000, Currency = "KWD", Status = "succeeded", AmountRefundedMinor = 12_340, Disputed = false,
            Refunds = [new ChargeRefundFact { RefundId = "re_ef_1", AmountMinor = 12_340, Status = "succeeded", CreatedAt = created }],
            CreatedAt = created.AddDays(-1),
        });
        var report = new StripeRefundReported
        {
            CorrelationId = CorrelationKey.StripeRefund("re_ef_1").ToGuid(), StripeEventId = "evt_ef_1", EventType = "refund.created", RefundId = "re_ef_1",
            ChargeId = "ch_ef_1", AmountMinor = 12_340, Currency = "KWD", Status = "succeeded", RefundCreatedAt = created, ReportedAt = created,
        };

        await _harness.Bus.Publish(report);
        // The harness counts the bus idle while the recheck waits in the ScheduledMessage table: read the saga's row instead.
        await WaitFor(report.CorrelationId, s => s.CurrentState == "AwaitingOriginalDocument", "AwaitingOriginalDocument");
        _world.Change("ch_ef_1", c => c with { ZnodeOrderNumber = "ZN-EF-1" });

        var saga = await WaitFor(report.CorrelationId, s => s.CurrentState == "Final", "Final");
        Assert.Multiple(() =>
        {
            Assert.That((saga.RefundId, saga.AmountMinor, saga.Currency, saga.Scope), Is.EqualTo(("re_ef_1", 12_340L, "KWD", "Partial")));
            Assert.That((saga.P21DocumentKind, saga.P21DocumentNumber, saga.BookedAmountMinor), Is.EqualTo(("journal", "JE-re_ef_1", (long?)12_340)));
            Assert.That((saga.ZnodeOrderNumber, saga.ZnodePaymentStatus), Is.EqualTo(("ZN-EF-1", "PARTIALLY REFUNDED")));
            Assert.That(saga.RecheckCount, Is.GreaterThanOrEqualTo(1));
        });

        await _harness.Bus.Publish(report with { StripeEventId = "evt_ef_2", EventType = "refund.failed", Status = "failed", FailureReason = "declined", ReportedAt = created.AddHours(1) });

        saga = await WaitFor(report.CorrelationId, s => s.CurrentState == "Reversed", "Reversed");
        Assert.Multiple(() =>
        {
            Assert.That((saga.Status, saga.StripeFailureReason, saga.P21ReversalNumber), Is.EqualTo(("failed", "declined", "JE-R-re_ef_1")));
            Assert.That(saga.ZnodePaymentStatus, Is.EqualTo("CAPTURED"));
            Assert.That(saga.RecheckTokenId, Is.Null);
        });
    }

    async Task<RefundState> WaitFor(Guid correlationId, Func<RefundState, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        RefundState? saga = null;
        while (!timeout.IsCancellationRequested)
        {
            await using (var scope = _host!.Services.CreateAsyncScope())
                saga = await scope.ServiceProvider.GetRequiredService<SagaDbContext>().Refunds.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId);
            if (saga is not null && condition(saga))
                return saga;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"saga {correlationId} did not become {what}; it is in {saga?.CurrentState ?? "(no row)"} {saga?.FailedStep} {saga?.FailureReason}");
        return null!;
    }
}
