using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Simulators.Stripe;

namespace Payments.StripeService.Tests;

/// <summary>The Stripe service as Program.cs wires it (AddStripeService + AddStripeConsumers, inbox/outbox on a throwaway SQLite file), on MassTransit's test harness, against the Stripe API fake.</summary>
sealed class StripeServiceHost : IAsyncDisposable
{
    public const string ApiKey = "sk_test_payments";

    readonly string _databasePath;

    StripeServiceHost(IHost host, StripeApiFake stripe, string databasePath)
    {
        _databasePath = databasePath;
        Host = host;
        Stripe = stripe;
        Harness = host.Services.GetTestHarness();
    }

    public IHost Host { get; }
    public StripeApiFake Stripe { get; }
    public ITestHarness Harness { get; }

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

    public static async Task<StripeServiceHost> StartAsync(Action<IDictionary<string, string?>>? settings = null)
    {
        var stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { ApiKey = ApiKey });
        var databasePath = SqliteFiles.NewPath("payments-stripe-service-tests");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = ApiKey,
            ["Stripe:ApiBase"] = stripe.ApiBase,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:StripeService"] = $"Data Source={databasePath}",
        };
        settings?.Invoke(config);
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddStripeService();
        builder.Services.AddRetryingTestHarness(bus =>
        {
            bus.AddStripeConsumers();
            bus.AddConsumer<Subscriber>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new StripeServiceHost(host, stripe, databasePath);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Stripe.DisposeAsync();
        SqliteFiles.Delete(_databasePath);
    }
}

/// <summary>
/// Stands for the saga: what the service publishes leaves through its outbox after the commit, so the tests look at what
/// reaches a subscriber (Harness.Consumed).
/// </summary>
sealed class Subscriber : IConsumer<Payments.Contracts.ChargeToOrder.StripeChargeOrderReferenceRecorded>,
    IConsumer<Payments.Contracts.ChargeToOrder.ChargeOrderDetailsCollected>,
    IConsumer<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentIntentCreated>,
    IConsumer<Payments.Contracts.StripeRefund.RefundedChargeDescribed>, IConsumer<Payments.Contracts.StripeRefund.StripeRefundReported>,
    IConsumer<Payments.Contracts.StripeDispute.DisputedChargeDescribed>, IConsumer<Payments.Contracts.PaymentRisk.RiskyChargeDescribed>,
    IConsumer<Payments.Contracts.PaymentRisk.ChargeRefundedForFraud>, IConsumer<Payments.Contracts.ZnodeReturn.ZnodeReturnRefunded>
{
    public Task Consume(ConsumeContext<Payments.Contracts.ChargeToOrder.StripeChargeOrderReferenceRecorded> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.ChargeToOrder.ChargeOrderDetailsCollected> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentIntentCreated> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.StripeRefund.RefundedChargeDescribed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.StripeRefund.StripeRefundReported> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.StripeDispute.DisputedChargeDescribed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.PaymentRisk.RiskyChargeDescribed> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.PaymentRisk.ChargeRefundedForFraud> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<Payments.Contracts.ZnodeReturn.ZnodeReturnRefunded> context) => Task.CompletedTask;
}
