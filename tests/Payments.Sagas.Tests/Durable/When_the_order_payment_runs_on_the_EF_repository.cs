using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Sagas.ChargeToOrder;
using Payments.Sagas.Data;
using Payments.Sagas.Tests.ChargeToOrder;

namespace Payments.Sagas.Tests.Durable;

/// <summary>The state machine as the Sagas service runs it (AddSagasService + AddSagas): EF repository and inbox/outbox on a real database.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_order_payment_runs_on_the_EF_repository(DatabaseProvider provider)
{
    TestDatabase? _database;
    IHost? _host;
    ITestHarness _harness = null!;
    readonly InitiationGate<OrderPaymentState> _initiation = new();

    [SetUp]
    public async Task Start()
    {
        var database = _database = await TestDatabase.Create(provider, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.AddSagasService();
        builder.Services.AddSingleton<IEventObserver<OrderPaymentState>>(_initiation);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddSagas();
            bus.AddConsumer<AcceptingP21>();
            bus.AddConsumer<RecordingStripe>();
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
    public async Task Should_keep_the_finished_payment_in_its_table()
    {
        var charge = Charge();

        await _harness.Bus.Publish(charge);

        var saga = await WaitForState(charge.CorrelationId, "Final");
        Assert.Multiple(() =>
        {
            Assert.That(saga.ChargeId, Is.EqualTo(charge.Payment.ChargeId));
            Assert.That(saga.P21OrderNo, Is.EqualTo(AcceptingP21.OrderNo));
            Assert.That(saga.P21CustomerId, Is.EqualTo(AcceptingP21.CustomerId));
            Assert.That(saga.Version, Is.EqualTo(3), "created, order posted, reference recorded: one version per event");
        });
        Assert.That(await Query(db => db.Set<InboxState>().CountAsync()), Is.EqualTo(3), "one inbox row per message the saga handled");
    }

    [Test]
    public async Task Should_post_one_order_when_the_charge_arrives_20_times_at_once()
    {
        var charges = Enumerable.Range(0, 20).Select(i => Charge($"evt_concurrent_{i}")).ToList();
        // Every copy that finds no saga waits until all have found none: they then insert the same payment at once.
        _initiation.Expected = charges.Count;

        await Task.WhenAll(charges.Select(c => _harness.Bus.Publish(c)));

        await WaitForState(charges[0].CorrelationId, "Final");
        await _harness.InactivityTask;
        var posted = _harness.Consumed.Select<PostP21Order>().Select(m => m.Context.MessageId).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(posted, Has.Count.EqualTo(1), "PostP21Order must be published once");
            Assert.That(_harness.Consumed.Select<StripeChargeSucceeded>().Count(), Is.EqualTo(20), "every copy was handled, none lost");
            Assert.That(_harness.Consumed.Select<StripeChargeSucceeded>().Count(m => m.Exception != null), Is.Zero, "a copy failed");
            Assert.That(await Query(db => db.OrderPayments.CountAsync()), Is.EqualTo(1));
        });
        // SQLite runs one write transaction at a time, so only PostgreSQL lets two copies create the saga together.
        if (provider == DatabaseProvider.Postgres)
            Assert.That(_initiation.Arrivals, Is.GreaterThan(1), "no two copies created the saga at once, so the test proved nothing");
    }

    [Test]
    public async Task Should_not_handle_a_redelivered_message_twice()
    {
        var charge = Charge();
        var messageId = NewId.NextGuid();

        await _harness.Bus.Publish(charge, c => c.MessageId = messageId);
        await WaitForState(charge.CorrelationId, "Final");
        // The same MessageId again, as a broker redelivers after a lost ack: the inbox knows it.
        await _harness.Bus.Publish(charge, c => c.MessageId = messageId);
        await _harness.InactivityTask;

        var saga = await Query(db => db.OrderPayments.AsNoTracking().SingleAsync());
        Assert.That(saga.Version, Is.EqualTo(3), "the redelivered message did not touch the saga");
        Assert.That(_harness.Consumed.Select<PostP21Order>().Count(), Is.EqualTo(1));
    }

    static StripeChargeSucceeded Charge(string eventId = "evt_ef_1") => new()
    {
        CorrelationId = CorrelationKey.StripePayment("pi_ef_1", "ch_ef_1").ToGuid(),
        StripeEventId = eventId,
        Livemode = false,
        Payment = new PaymentDetails
        {
            ChargeId = "ch_ef_1",
            PaymentIntentId = "pi_ef_1",
            AmountMinor = 7_499,
            Currency = "USD",
            CustomerEmail = "ap@acme.example",
            // Lines and e-mail on the charge: posted at once, as these tests count the saga's versions on that path.
            Lines = [new OrderLine { Sku = "WIDGET-001", Quantity = 1 }],
            PaidAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        },
    };

    async Task<T> Query<T>(Func<SagaDbContext, Task<T>> query)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SagaDbContext>());
    }

    /// <summary>Reads the saga's row until it reaches <paramref name="state"/>; fails with the state it is in after the harness's timeout.</summary>
    async Task<OrderPaymentState> WaitForState(Guid correlationId, string state)
    {
        using var timeout = new CancellationTokenSource(_harness.TestTimeout);
        OrderPaymentState? saga = null;
        while (!timeout.IsCancellationRequested)
        {
            saga = await Query(db => db.OrderPayments.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId));
            if (saga?.CurrentState == state)
                return saga;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"saga {correlationId} did not reach {state}; it is in {saga?.CurrentState ?? "(no row)"}");
        return null!;
    }
}
