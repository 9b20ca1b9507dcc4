using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults;
using Payments.Testing;

namespace Payments.Integration.Tests.Messaging;

/// <summary>
/// A consumer behind the inbox/outbox commits its row and two messages; the broker then refuses (nacks) the second
/// message until the test lets it through. The consumer's work is done and safe to deliver later, so the failure is
/// transient: delayed redelivery, not <c>_error</c>. The redelivered message finds its inbox row consumed: the consumer
/// does not run again and the messages are delivered.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_delivery_fails_after_the_consumer_committed(DatabaseProvider provider) : RetryPolicyFixture
{
    TestDatabase? _database;
    IHost? _host;
    string Notify => Queue + "-notify";
    string Audit => Queue + "-audit";

    [SetUp]
    public async Task CreateDatabase() => _database = await TestDatabase.Create(provider, "payments_outbox_delivery");

    [TearDown]
    public async Task StopAndDropDestinations()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        if (_database is not null)
            await _database.DisposeAsync();
        RefusedDestinations.Refused.Clear();
        if (Broker is null)
            return;
        await Broker.DeleteQueuesAsync(Notify, Audit);
    }

    [Test]
    public async Task Should_wait_for_redelivery_and_deliver_without_consuming_again()
    {
        RefusedDestinations.Refused[Audit] = true;
        await StartHost();
        var payoutId = NewId.NextGuid();

        var bus = _host!.Services.GetRequiredService<IBus>();
        await (await bus.GetSendEndpoint(new Uri($"exchange:{Queue}")))
            .Send(new RecordPayout(payoutId, new Uri($"queue:{Notify}"), new Uri($"queue:{Audit}")));

        // Every quick retry failed to send the audit message: the payout waits in the broker for its redelivery.
        await Broker.WaitForCountAsync("payments-wait-3s", 1, Within);
        RefusedDestinations.Refused.Clear();

        await Broker.WaitForCountAsync(Audit, 1, Within);
        var attempts = await Attempts(payoutId, a => a.Completed);
        Assert.Multiple(async () =>
        {
            Assert.That(attempts.Where(a => !a.Completed).Select(a => a.RedeliveryCount), Has.Some.EqualTo(0), "the first delivery failed");
            Assert.That(attempts.Single(a => a.Completed).RedeliveryCount, Is.GreaterThanOrEqualTo(1), "it completed on a redelivery");
            Assert.That(await Broker.CountAsync(ErrorQueue), Is.Zero, "a committed outbox is not a case for a person");
            Assert.That(await Query(db => db.Payouts.CountAsync(p => p.CorrelationId == payoutId)), Is.EqualTo(1), "the consumer did not run again");
            // At least once: copies sent before the failure carry the same MessageId, which a receiver's inbox drops.
            Assert.That(await Broker.CountAsync(Notify), Is.GreaterThanOrEqualTo(1));
            Assert.That(await Broker.CountAsync(Audit), Is.EqualTo(1));
        });
    }

    async Task StartHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Broker.BusConfiguration(
            ("Bus:Retry:Immediate:0", "00:00:00.050"),
            ("Bus:Retry:Immediate:1", "00:00:00.050"),
            // Time for the test to repair the exchange while the payout waits, and a second chance if it was slow.
            ("Bus:Retry:Redelivery:0", "00:00:03"),
            ("Bus:Retry:Redelivery:1", "00:00:06")));
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Critical);
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddPaymentsDbContext<PayoutDbContext>(_database!.Provider, _database.ConnectionString);
        builder.AddPaymentsBus(bus =>
        {
            bus.AddPaymentsOutbox<PayoutDbContext>();
            bus.AddConsumer<PayoutConsumer, PayoutConsumerDefinition>().Endpoint(e => e.Name = Queue);
        });
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PayoutDbContext>().Database.EnsureCreatedAsync();
        _host = host;
        await host.StartAsync();
    }

    async Task<T> Query<T>(Func<PayoutDbContext, Task<T>> query)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PayoutDbContext>());
    }

    static async Task<List<(int RedeliveryCount, bool Completed)>> Attempts(Guid payoutId, Func<(int RedeliveryCount, bool Completed), bool> until)
    {
        using var timeout = new CancellationTokenSource(Within);
        while (!timeout.IsCancellationRequested)
        {
            if (PayoutAttempts.ByPayout.TryGetValue(payoutId, out var attempts) && attempts.Any(until))
                break;
            await Task.Delay(50, CancellationToken.None);
        }

        return PayoutAttempts.ByPayout.TryGetValue(payoutId, out var all) ? all.ToList() : [];
    }
}
