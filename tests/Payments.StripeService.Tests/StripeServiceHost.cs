using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Persistence.Configuration;
using Payments.Simulators.Stripe;

namespace Payments.StripeService.Tests;

/// <summary>
/// The Stripe service as Program.cs wires it (AddStripeService + AddStripeConsumers, its database on a throwaway SQLite file or, when asked,
/// a throwaway PostgreSQL database), on MassTransit's test harness, against the Stripe API fake.
/// </summary>
sealed class StripeServiceHost : IAsyncDisposable
{
    public const string ApiKey = "sk_test_payments";

    StripeServiceHost(IHost host, StripeApiFake stripe, TestDatabase database)
    {
        Database = database;
        Host = host;
        Stripe = stripe;
        Harness = host.Services.GetTestHarness();
    }

    public IHost Host { get; }
    public StripeApiFake Stripe { get; }
    public ITestHarness Harness { get; }

    /// <summary>The service's throwaway database.</summary>
    public TestDatabase Database { get; }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>
    /// Polls until a <typeparamref name="T"/> was published (30 s at most: a bound, not an expectation). The harness's own
    /// <c>Any</c> ends at its inactivity signal, which the first consume of a process (JIT, EF model, Stripe.net) can outlast.
    /// </summary>
    public Task<bool> PublishedAsync<T>() where T : class => EventuallyAsync(() => Harness.Published.Select<T>().Any());

    /// <summary>As <see cref="PublishedAsync{T}"/>, for a <typeparamref name="T"/> that reached a consumer.</summary>
    public Task<bool> ConsumedAsync<T>() where T : class => EventuallyAsync(() => Harness.Consumed.Select<T>().Any());

    static async Task<bool> EventuallyAsync(Func<bool> probe)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (probe()) return true;
            await Task.Delay(100);
        }
        return probe();
    }

    /// <param name="settings">Changes to the service's configuration.</param>
    /// <param name="provider">The service database's provider: SQLite (default) or PostgreSQL (ignored without <c>PAYMENTS_TEST_POSTGRES</c>).</param>
    /// <param name="fake">The Stripe fake's options (the API key is the host's).</param>
    /// <param name="services">Changes to the service's registrations, made after <c>AddStripeService</c>.</param>
    public static async Task<StripeServiceHost> StartAsync(Action<IDictionary<string, string?>>? settings = null, DatabaseProvider provider = DatabaseProvider.Sqlite,
        StripeApiFakeOptions? fake = null, Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.Create(provider, "payments_stripe_service_tests");
        var stripe = await StripeApiFake.StartAsync((fake ?? new StripeApiFakeOptions()) with { ApiKey = ApiKey });
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = ApiKey,
            ["Stripe:ApiBase"] = stripe.ApiBase,
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:StripeService"] = database.ConnectionString,
        };
        // The audit trail: its tables in the same PostgreSQL database; on SQLite its own file (Audit.db), as one file has one writer at a time.
        if (provider == DatabaseProvider.Postgres)
            config["ConnectionStrings:Audit"] = database.ConnectionString;
        settings?.Invoke(config);
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddStripeService();
        services?.Invoke(builder.Services);
        builder.Services.AddRetryingTestHarness(bus =>
        {
            bus.AddStripeConsumers();
            bus.AddConsumer<Subscriber>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new StripeServiceHost(host, stripe, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Stripe.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// Stands for the saga: what the service publishes leaves through its outbox after the commit, so the tests look at what
/// reaches a subscriber (Harness.Consumed).
/// </summary>
sealed class Subscriber : IConsumer<Payments.Contracts.ChargeToOrder.StripeChargeOrderReferenceRecorded>,
    IConsumer<Payments.Contracts.ChargeToOrder.ChargeOrderDetailsCollected>, IConsumer<Payments.Contracts.ChargeToOrder.ChargePaysBillingInvoice>,
    IConsumer<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentIntentCreated>,
    IConsumer<Payments.Contracts.StripeRefund.RefundedChargeDescribed>, IConsumer<Payments.Contracts.StripeRefund.StripeRefundReported>,
    IConsumer<Payments.Contracts.StripeDispute.DisputedChargeDescribed>, IConsumer<Payments.Contracts.PaymentRisk.RiskyChargeDescribed>,
    IConsumer<Payments.Contracts.PaymentRisk.ChargeRefundedForFraud>, IConsumer<Payments.Contracts.ZnodeReturn.ZnodeReturnRefunded>,
    IConsumer<Payments.Contracts.PayoutReconciliation.PayoutTransactionsListed>,
    IConsumer<Payments.Contracts.CustomerSync.StripeCustomerUpdated>, IConsumer<Payments.Contracts.StripeSubscription.SubscriptionInvoiceDescribed>,
    IConsumer<Payments.Contracts.CustomerSync.StripeCustomerReported>
{
    public Task Consume(ConsumeContext<Payments.Contracts.ChargeToOrder.StripeChargeOrderReferenceRecorded> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.ChargeToOrder.ChargeOrderDetailsCollected> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.ChargeToOrder.ChargePaysBillingInvoice> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentIntentCreated> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.StripeRefund.RefundedChargeDescribed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.StripeRefund.StripeRefundReported> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.StripeDispute.DisputedChargeDescribed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.PaymentRisk.RiskyChargeDescribed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.PaymentRisk.ChargeRefundedForFraud> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.ZnodeReturn.ZnodeReturnRefunded> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.PayoutReconciliation.PayoutTransactionsListed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.CustomerSync.StripeCustomerUpdated> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.StripeSubscription.SubscriptionInvoiceDescribed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.CustomerSync.StripeCustomerReported> context) => Task.CompletedTask;
}
