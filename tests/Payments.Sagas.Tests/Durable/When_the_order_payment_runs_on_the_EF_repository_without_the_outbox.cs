using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Persistence.Configuration;
using Payments.Persistence.Sagas;
using Payments.Sagas.ChargeToOrder;
using Payments.Sagas.Data;

namespace Payments.Sagas.Tests.Durable;

/// <summary>
/// The state machine on the EF repository but without its definition, so without the consumer outbox: what it would
/// publish leaves before its state commits, and a copy that loses the race for the insert has already published (twenty
/// racing charges posted the order 16 times on PostgreSQL). The repository refuses such an endpoint when the bus starts.
/// SQLite only: the refusal comes before any database work.
/// </summary>
[TestFixture]
public class When_the_order_payment_runs_on_the_EF_repository_without_the_outbox
{
    [Test]
    public async Task Should_refuse_to_start_and_name_the_endpoint()
    {
        await using var database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_sagas_test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Provider"] = nameof(DatabaseProvider.Sqlite);
        builder.Configuration[$"ConnectionStrings:{SagaDbContext.ConnectionStringName}"] = database.ConnectionString;
        builder.AddSagasService();
        builder.Services.AddMassTransitTestHarness(bus => bus.AddOrderPaymentSaga().PaymentsEfRepository<OrderPaymentState, SagaDbContext>());
        using var host = builder.Build();

        var refused = Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.That(refused!.Message, Does.Contain("endpoint 'OrderPaymentState'").And.Contain("UsePaymentsOutbox<SagaDbContext>"));
    }
}
