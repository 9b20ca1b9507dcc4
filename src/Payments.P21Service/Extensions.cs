using System.Net.Http.Headers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payments.Domain.Customers;
using Payments.Domain.Mappings;
using Payments.P21Service.Admission;
using Payments.P21Service.ChargeToOrder;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.Customers;
using Payments.P21Service.CustomerSync;
using Payments.P21Service.Data;
using Payments.P21Service.Disputes;
using Payments.P21Service.Holds;
using Payments.P21Service.Journals;
using Payments.P21Service.Mappings;
using Payments.P21Service.PaymentRisk;
using Payments.P21Service.PayoutReconciliation;
using Payments.P21Service.Returns;
using Payments.P21Service.SalesOrders;
using Payments.P21Service.StripeDispute;
using Payments.P21Service.StripeRefund;
using Payments.P21Service.StripeSubscription;
using Payments.P21Service.Subscriptions;
using Payments.P21Service.ZnodeOrderToCash;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Configuration;
using Payments.ServiceDefaults.Http;
using Refit;

namespace Payments.P21Service;

public static class Extensions
{
    /// <summary>
    /// The P21 client (<c>P21</c>, <c>P21:Http</c>), the capabilities (<c>P21:SalesOrders</c>, <c>P21:Customers</c>, <c>P21:Journals</c>,
    /// <c>P21:Returns</c>, <c>P21:Holds</c>, <c>P21:Disputes</c>, <c>P21:Payouts</c>, <c>P21:Subscriptions</c>; the customer field
    /// ownership <c>Customers:Ownership</c>), every
    /// section validated at start-up, and the service's inbox/outbox database (<c>Database:Provider</c>,
    /// <c>ConnectionStrings:P21Service</c>, migrated at start-up).
    /// </summary>
    public static IHostApplicationBuilder AddP21Service(this IHostApplicationBuilder builder)
    {
        builder.AddP21Client();

        builder.AddValidatedOptions<CustomerOptions>(CustomerOptions.Section);
        builder.Services.AddTransient<CustomerResolver>();
        builder.Services.AddScoped<CustomerLinks>();
        builder.Services.AddTransient<P21CustomerSync>();
        // Which fields P21 keeps decides what is checked before a customer is written: the same setting as the customer saga's.
        builder.Services.AddSingleton(services => FieldOwnership.FromSettings(services.GetRequiredService<IConfiguration>().GetSection("Customers:Ownership")
            .GetChildren().Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!)));

        builder.AddValidatedOptions<SubscriptionOptions>(SubscriptionOptions.Section);
        builder.Services.AddTransient<SubscriptionInvoicePoster>();
        builder.Services.AddTransient<PaymentFailureActions>();

        builder.AddValidatedOptions<SalesOrderOptions>(SalesOrderOptions.Section);
        builder.Services.AddTransient<ItemResolver>();
        builder.Services.AddTransient<SalesOrderPoster>();

        builder.AddValidatedOptions<JournalOptions, JournalOptionsValidator>(JournalOptions.Section);
        builder.Services.AddTransient<JournalPoster>();

        builder.Services.AddTransient<LedgerEntries>();

        builder.AddValidatedOptions<ReturnOptions>(ReturnOptions.Section);
        builder.Services.AddTransient<RefundReturnPoster>();

        builder.AddValidatedOptions<HoldOptions>(HoldOptions.Section);
        builder.Services.AddTransient<OrderHolds>();

        builder.AddValidatedOptions<DisputeOptions>(DisputeOptions.Section);
        builder.Services.AddTransient<DisputeJournalPoster>();

        builder.AddValidatedOptions<PayoutOptions, PayoutOptionsValidator>(PayoutOptions.Section);
        builder.Services.AddTransient<PayoutJournals>();

        builder.AddPaymentsDbContext<P21ServiceDbContext>(P21ServiceDbContext.ConnectionStringName);

        // Every P21 mapping above checked against the live P21 before the bus starts (Mappings/, as `payments config validate`).
        builder.Services.AddTransient<IP21Lookup, P21ApiLookup>();
        builder.Services.AddHostedService<MappingCheckAtStartup>();
        // Every write to P21 is recorded (docs/operations.md, "Audit trail"): ConnectionStrings:Audit, Audit:Retention.
        builder.AddPaymentsAuditTrail();
        return builder;
    }

    /// <summary>The consumers of each flow, each endpoint behind the inbox/outbox of <see cref="P21ServiceDbContext"/> (see the definitions).</summary>
    public static void AddP21Consumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddPaymentsOutbox<P21ServiceDbContext>();
        bus.AddAuditScope();
        bus.AddConsumer<PostP21OrderConsumer, PostP21OrderConsumerDefinition>();
        bus.AddConsumer<PostZnodeOrderJournalConsumer, PostZnodeOrderJournalConsumerDefinition>();
        bus.AddConsumer<PostP21RefundReturnConsumer, PostP21RefundReturnConsumerDefinition>();
        bus.AddConsumer<ReverseP21RefundReturnConsumer, ReverseP21RefundReturnConsumerDefinition>();
        bus.AddConsumer<HoldP21OrderForDisputeConsumer, HoldP21OrderForDisputeConsumerDefinition>();
        bus.AddConsumer<ReleaseP21OrderHoldConsumer, ReleaseP21OrderHoldConsumerDefinition>();
        bus.AddConsumer<PostDisputeJournalConsumer, PostDisputeJournalConsumerDefinition>();
        bus.AddConsumer<HoldP21OrderForRiskConsumer, HoldP21OrderForRiskConsumerDefinition>();
        bus.AddConsumer<PostPayoutJournalConsumer, PostPayoutJournalConsumerDefinition>();
        bus.AddConsumer<ReversePayoutJournalConsumer, ReversePayoutJournalConsumerDefinition>();
        bus.AddConsumer<SyncP21CustomerConsumer, SyncP21CustomerConsumerDefinition>();
        bus.AddConsumer<CustomerLinkChangedConsumer, CustomerLinkChangedConsumerDefinition>();
        bus.AddConsumer<PostSubscriptionInvoiceConsumer, PostSubscriptionInvoiceConsumerDefinition>();
        bus.AddConsumer<RecordSubscriptionPaymentFailureConsumer, RecordSubscriptionPaymentFailureConsumerDefinition>();
    }

    /// <summary>
    /// Refit clients for the token, router/OData and Transaction API with the token handler, each behind the P21 resilience
    /// pipeline (attempt time-out <c>P21:RequestTimeout</c>, circuit breaker; the Transaction API, served from P21's session pool, also behind
    /// the concurrency limit <c>P21:Http:MaxConcurrentRequests</c>, waited for outside the attempt time-out), and the health check.
    /// </summary>
    static void AddP21Client(this IHostApplicationBuilder builder)
    {
        const string System = P21Options.Section;
        var services = builder.Services;
        builder.AddValidatedOptions<P21Options, P21OptionsValidator>(P21Options.Section).PostConfigure(o => o.ApplyDefaults());
        // No more calls in flight than P21's session pool holds (docs/external-apis/p21.md#session-pool-and-limits): the default
        // comes first, so that P21:Http:MaxConcurrentRequests in configuration still wins (and is checked against the pool).
        services.AddOptions<OutboundHttpOptions>(System).Configure<IConfiguration>((http, configuration) =>
            http.MaxConcurrentRequests = configuration.GetValue<int?>($"{System}:{nameof(P21Options.SessionPoolSize)}") ?? new P21Options().SessionPoolSize);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboundHttpOptions>, P21HttpOptionsValidator>());
        builder.AddOutboundHttp(System);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<P21TokenProvider>();
        services.AddTransient<P21AuthHandler>();

        // The token request is made while a limited call waits for its token: outside the concurrency limit, or they would wait for each other.
        services.AddRefitGeneratedClient<IP21TokenApi>(P21Json.RefitSettings)
            .ConfigureHttpClient(ConfigureBase)
            .AddOutboundResilience(System, RequestTimeout, limitConcurrency: false);
        // Resilience first, so one attempt (and its time-out) covers the token handler's single repeat after a 401. The router, OData and
        // GL calls do not take one of P21's pooled API instances, so they stay out of the session limit (a look-up waiting behind orders
        // that hold every slot would leave the pool idle meanwhile); they are bounded by the messages admitted (P21:MaxConcurrentMessages).
        // The audit trail is outside the pipeline on both clients: a write's entry is written before the call waits for one of P21's
        // slots and completed after it gave the slot back, so the audit database's round trips and commits never hold one of P21's
        // few sessions idle, nor count against the attempt time-out. A 401 and the token handler's repeat are one entry.
        services.AddRefitGeneratedClient<IP21Api>(P21Json.RefitSettings)
            .ConfigureHttpClient(ConfigureBase)
            .AddAuditTrail(AuditSystems.P21)
            .AddOutboundResilience(System, RequestTimeout, limitConcurrency: false)
            .AddHttpMessageHandler<P21AuthHandler>();
        // The UI server's address comes from P21's router at run time; P21UiServer sets it on each client. Its calls may wait for
        // one of P21's pooled API instances first, so they get the pool wait on top of the request time-out.
        services.AddHttpClient(P21UiServer.HttpClientName)
            .AddAuditTrail(AuditSystems.P21)
            .AddOutboundResilience(System, PooledRequestTimeout)
            .AddHttpMessageHandler<P21AuthHandler>();
        services.AddSingleton<P21UiServer>();
        services.AddTransient<P21Transactions>();
        services.AddSingleton<AbandonedTransactions>();
        services.AddSingleton<P21SelfChecks>();
        // Messages that call P21 are admitted in step with what P21 serves (P21:MaxConcurrentMessages), before they are taken off the broker.
        services.AddSingleton<P21Admission>();

        services.AddHealthChecks().AddCheck<P21HealthCheck>("p21");
    }

    static TimeSpan RequestTimeout(IServiceProvider services) => services.GetRequiredService<IOptions<P21Options>>().Value.RequestTimeout;

    static TimeSpan PooledRequestTimeout(IServiceProvider services) => services.GetRequiredService<IOptions<P21Options>>().Value.PooledRequestTimeout;

    static void ConfigureBase(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<P21Options>>().Value;
        client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/'));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }
}
