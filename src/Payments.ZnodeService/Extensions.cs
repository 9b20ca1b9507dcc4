using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payments.Domain.Mappings;
using Payments.Persistence.Audit;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Configuration;
using Payments.ServiceDefaults.Http;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.CustomerSync;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Intake;
using Payments.ZnodeService.Mappings;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;
using Payments.ZnodeService.Returns;
using Payments.ZnodeService.ShopperMail;
using Payments.ZnodeService.StripeRefund;
using Payments.ZnodeService.Webhooks;
using Payments.ZnodeService.ZnodeOrderToCash;
using Payments.ZnodeService.ZnodeReturn;
using Refit;

namespace Payments.ZnodeService;

public static class Extensions
{
    /// <summary>
    /// The Znode client (<c>Znode</c>, <c>Znode:Http</c>, <c>Znode:RateLimit</c>, <c>Znode:ReadRetry</c>), the capabilities
    /// (<c>Znode:Orders</c>, <c>Znode:Payments</c>, <c>Znode:Mail</c>), the order intake (<c>Znode:Intake</c>: the poller for
    /// Znode 9.x; <c>Znode:Webhook</c>: the webhook of Znode 10), the return intake (<c>Znode:Returns</c>), customer-sync's accounts (<c>Znode:Accounts</c>), every section validated at start-up, and the service's database (<c>Database:Provider</c>,
    /// <c>ConnectionStrings:ZnodeService</c>, migrated at start-up).
    /// </summary>
    public static IHostApplicationBuilder AddZnodeService(this IHostApplicationBuilder builder)
    {
        builder.AddZnodeClient();

        builder.AddValidatedOptions<ZnodeOrderOptions>(ZnodeOrderOptions.Section);
        builder.Services.AddMemoryCache();
        builder.Services.AddTransient<ZnodeOrders>();

        builder.AddValidatedOptions<ZnodePaymentOptions>(ZnodePaymentOptions.Section);
        builder.Services.AddTransient<ZnodePayments>();
        builder.Services.AddTransient<PaymentLinks>();

        builder.AddValidatedOptions<ShopperMailOptions, ShopperMailOptionsValidator>(ShopperMailOptions.Section);
        builder.Services.AddTransient<ShopperMailer>();

        builder.AddValidatedOptions<ZnodeIntakeOptions>(ZnodeIntakeOptions.Section);
        builder.Services.AddTransient<IntakeAuditing>();
        builder.Services.AddScoped<OrderIntake>();
        builder.AddValidatedOptions<ZnodeWebhookOptions>(ZnodeWebhookOptions.Section);
        builder.Services.AddTransient<ZnodeWebhookReceiver>();

        builder.AddValidatedOptions<ZnodeReturnOptions>(ZnodeReturnOptions.Section);
        builder.Services.AddScoped<ReturnIntake>();
        builder.Services.AddTransient<ZnodeReturns>();

        builder.AddValidatedOptions<ZnodeAccountOptions>(ZnodeAccountOptions.Section);
        builder.Services.AddTransient<ZnodeAccounts>();

        builder.AddPaymentsDbContext<ZnodeServiceDbContext>(ZnodeServiceDbContext.ConnectionStringName);

        // Every Znode state name above checked against the live Znode before the bus starts (Mappings/, as `payments config validate`).
        builder.Services.AddTransient<IZnodeStateLookup, ZnodeApiStateLookup>();
        builder.Services.AddHostedService<StateCheckAtStartup>();
        // Every write to Znode is recorded (docs/operations.md, "Audit trail"): ConnectionStrings:Audit, Audit:Retention.
        builder.AddPaymentsAuditTrail();
        return builder;
    }

    /// <summary><c>POST /webhooks/znode</c>: Znode 10's webhook (<see cref="ZnodeWebhookReceiver"/>).</summary>
    public static IEndpointRouteBuilder MapZnodeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/znode", (HttpContext http, [FromServices] ZnodeWebhookReceiver receiver) =>
                receiver.ReceiveAsync(http.Request, http.RequestAborted))
            .WithName("ZnodeWebhook");
        return app;
    }

    /// <summary>
    /// The consumers of the flows (Znode order-to-cash, stripe-refund's Znode steps, znode-return's completion), each endpoint behind
    /// the inbox/outbox of <see cref="ZnodeServiceDbContext"/>, and the order, return and account pollers, which publish through that
    /// database's bus outbox and run its relay themselves (see <see cref="ZnodeOrderPoller"/>, <see cref="ZnodeReturnPoller"/>).
    /// </summary>
    public static void AddZnodeConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddPaymentsOutbox<ZnodeServiceDbContext>();
        bus.AddAuditScope();
        bus.AddConsumer<ZnodeOrderAnnouncedConsumer, ZnodeOrderAnnouncedConsumerDefinition>();
        bus.AddConsumer<OfferZnodeOrderPaymentConsumer, OfferZnodeOrderPaymentConsumerDefinition>();
        bus.AddConsumer<RecordZnodeOrderPaymentConsumer, RecordZnodeOrderPaymentConsumerDefinition>();
        bus.AddConsumer<RecordZnodeOrderDeclineConsumer, RecordZnodeOrderDeclineConsumerDefinition>();
        bus.AddConsumer<RemindZnodeOrderPaymentConsumer, RemindZnodeOrderPaymentConsumerDefinition>();
        bus.AddConsumer<CancelUnpaidZnodeOrderConsumer, CancelUnpaidZnodeOrderConsumerDefinition>();
        bus.AddConsumer<RecordZnodeRefundConsumer, RecordZnodeRefundConsumerDefinition>();
        bus.AddConsumer<ReverseZnodeRefundConsumer, ReverseZnodeRefundConsumerDefinition>();
        bus.AddConsumer<CompleteZnodeReturnConsumer, CompleteZnodeReturnConsumerDefinition>();
        bus.AddConsumer<CustomerLinkChangedConsumer, CustomerLinkChangedConsumerDefinition>();
        bus.AddConsumer<SyncZnodeAccountConsumer, SyncZnodeAccountConsumerDefinition>();

        // The relay with its own wake-up signal (the poller's outbox scope gives that signal); not hosted: the poller runs it.
        bus.AddBusOutboxRelay<ZnodeServiceDbContext>();
        bus.AddSingleton<ZnodeOrderPoller>();
        bus.AddHostedService(services => services.GetRequiredService<ZnodeOrderPoller>());
        bus.AddSingleton<ZnodeReturnPoller>();
        bus.AddHostedService(services => services.GetRequiredService<ZnodeReturnPoller>());
        bus.AddSingleton<ZnodeAccountPoller>();
        bus.AddHostedService(services => services.GetRequiredService<ZnodeAccountPoller>());
    }

    /// <summary>
    /// Refit clients for Znode's reads and writes, each behind the Znode pipeline (<see cref="ZnodeResilience"/>: total wait, 429s
    /// retried after Retry-After, transient failures retried for reads only, the installation's rate limit, concurrency limit,
    /// circuit breaker, attempt time-out), the credentials handler, and the health check.
    /// </summary>
    static void AddZnodeClient(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddValidatedOptions<ZnodeOptions, ZnodeOptionsValidator>(ZnodeOptions.Section);
        builder.AddValidatedOptions<ZnodeRateLimitOptions>(ZnodeRateLimitOptions.Section);
        builder.AddValidatedOptions<ZnodeReadRetryOptions>(ZnodeReadRetryOptions.Section);
        builder.AddOutboundHttp(ZnodeOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ZnodeThrottle>();
        services.AddTransient<ZnodeAuthHandler>();

        services.AddRefitGeneratedClient<IZnodeReadApi>(ZnodeJson.RefitSettings)
            .ConfigureHttpClient(ConfigureBase)
            .AddZnodeResilience(retryTransientFailures: true)
            .AddHttpMessageHandler<ZnodeAuthHandler>();
        services.AddRefitGeneratedClient<IZnodeWriteApi>(ZnodeJson.RefitSettings)
            .ConfigureHttpClient(ConfigureBase)
            // The audit trail outside the pipeline: its entry is written before the call waits for a slot and completed after the slot is free.
            .AddAuditTrail(AuditSystems.Znode)
            .AddZnodeResilience(retryTransientFailures: false)
            .AddHttpMessageHandler<ZnodeAuthHandler>();
        services.AddTransient<ZnodeClient>();

        services.AddHealthChecks().AddCheck<ZnodeHealthCheck>("znode");
    }

    static void ConfigureBase(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<ZnodeOptions>>().Value;
        client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/'));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }
}
