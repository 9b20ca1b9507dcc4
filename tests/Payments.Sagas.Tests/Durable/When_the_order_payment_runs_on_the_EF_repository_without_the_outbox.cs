using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Sagas;
using Payments.Sagas.ChargeToOrder;
using Payments.Sagas.Data;
using Payments.Sagas.Tests.ChargeToOrder;

namespace Payments.Sagas.Tests.Durable;

/// <summary>
/// The state machine on the EF repository but without its definition, so without the consumer outbox: what it publishes
/// leaves before its state commits, and a copy that loses the race for the insert has already published.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_order_payment_runs_on_the_EF_repository_without_the_outbox(DatabaseProvider provider)
{
    [Test]
    public async Task Should_never_post_the_order_twice()
    {
        await using var database = await TestDatabase.Create(provider, "payments_sagas_test");
        var initiation = new InitiationGate<OrderPaymentState> { Expected = 20 };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.AddSagasService();
        builder.Services.AddSingleton<IEventObserver<OrderPaymentState>>(initiation);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddOrderPaymentSaga().PaymentsEfRepository<OrderPaymentState, SagaDbContext>();
            bus.AddConsumer<AcceptingP21>();
            bus.AddConsumer<RecordingStripe>();
        });
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (ConfigurationException refused)
        {
            Assert.That(refused.Message, Does.Contain("order-payment-state"), "the error names the endpoint");
            return;
        }

        try
        {
            var harness = host.Services.GetRequiredService<ITestHarness>();
            var charges = Enumerable.Range(0, 20).Select(i => Charge($"evt_concurrent_{i}")).ToList();
            await Task.WhenAll(charges.Select(c => harness.Bus.Publish(c)));
            Assert.That(await harness.Consumed.Any<StripeChargeSucceeded>(), Is.True);
            await harness.InactivityTask;

            var posted = harness.Consumed.Select<PostP21Order>().Select(m => m.Context.MessageId).ToList();
            Assert.That(posted, Has.Count.EqualTo(1), $"PostP21Order was published {posted.Count} times, with {posted.Distinct().Count()} MessageIds");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    static StripeChargeSucceeded Charge(string eventId) => new()
    {
        CorrelationId = CorrelationKey.StripePayment("pi_ef_2", "ch_ef_2").ToGuid(),
        StripeEventId = eventId,
        Livemode = false,
        Payment = new PaymentDetails
        {
            ChargeId = "ch_ef_2",
            PaymentIntentId = "pi_ef_2",
            AmountMinor = 7_499,
            Currency = "USD",
            CustomerEmail = "ap@acme.example",
            PaidAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        },
    };
}
