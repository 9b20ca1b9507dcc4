using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.ServiceDefaults.Configuration;
using Payments.ServiceDefaults.Http;
using Payments.StripeService.ChargeFacts;
using Payments.StripeService.Charges;
using Payments.StripeService.ChargeToOrder;
using Payments.StripeService.Checkout;
using Payments.StripeService.Client;
using Payments.StripeService.Customers;
using Payments.StripeService.CustomerSync;
using Payments.StripeService.Data;
using Payments.StripeService.Invoices;
using Payments.StripeService.PaymentIntents;
using Payments.StripeService.PaymentRisk;
using Payments.StripeService.PayoutReconciliation;
using Payments.StripeService.Refunds;
using Payments.StripeService.StripeDispute;
using Payments.StripeService.StripeRefund;
using Payments.StripeService.StripeSubscription;
using Payments.StripeService.ZnodeOrderToCash;
using Payments.StripeService.ZnodeReturn;

namespace Payments.StripeService;

public static class Extensions
{
    const string HttpClientName = "Stripe";

    /// <summary>
    /// The Stripe client (<c>Stripe</c>, <c>Stripe:Http</c>, validated at start-up), one capability per Stripe resource
    /// (<c>Charges/</c>, <c>ChargeFacts/</c>, <c>Checkout/</c> with <c>Stripe:OrderLines</c>, <c>Customers/</c>, <c>PaymentIntents/</c>, <c>Refunds/</c>), the payout
    /// listing (<c>PayoutReconciliation/</c> with <c>Stripe:Payouts</c>), customer sync (<c>CustomerSync/</c>: link copies, customer updates),
    /// subscription invoices (<c>StripeSubscription/</c>), and the service's database: inbox/outbox, the payout listings and the link copies
    /// (<c>Database:Provider</c>, <c>ConnectionStrings:StripeService</c>, migrated at start-up).
    /// </summary>
    public static IHostApplicationBuilder AddStripeService(this IHostApplicationBuilder builder)
    {
        builder.AddStripeClient();
        builder.Services.AddTransient<ChargeOrderReferences>();
        builder.AddValidatedOptions<OrderLineOptions, OrderLineOptionsValidator>(OrderLineOptions.Section);
        builder.Services.AddTransient<CheckoutSessionOrders>();
        builder.Services.AddTransient<StripeCustomers>();
        builder.Services.AddTransient<PaymentIntentInvoices>();
        builder.Services.AddTransient<ShopperCustomers>();
        builder.AddValidatedOptions<PaymentIntentOptions>(PaymentIntentOptions.Section);
        builder.Services.AddTransient<OrderPaymentIntents>();
        builder.Services.AddTransient<StripeChargeFactsReader>();
        builder.Services.AddTransient<ChargeRefunds>();
        builder.AddValidatedOptions<PayoutOptions>(PayoutOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTransient<PayoutListingStore>();
        builder.Services.AddTransient<PayoutTransactions>();
        builder.AddPaymentsDbContext<StripeServiceDbContext>(StripeServiceDbContext.ConnectionStringName);
        // Every write to Stripe is recorded (docs/operations.md, "Audit trail"): ConnectionStrings:Audit, Audit:Retention.
        builder.AddPaymentsAuditTrail();
        return builder;
    }

    /// <summary>The consumers of each flow, each endpoint behind the inbox/outbox of <see cref="StripeServiceDbContext"/> (see the definitions).</summary>
    public static void AddStripeConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddPaymentsOutbox<StripeServiceDbContext>();
        bus.AddAuditScope();
        bus.AddConsumer<CollectChargeOrderDetailsConsumer, CollectChargeOrderDetailsConsumerDefinition>();
        bus.AddConsumer<RecordP21OrderOnChargeConsumer, RecordP21OrderOnChargeConsumerDefinition>();
        bus.AddConsumer<CreateZnodeOrderPaymentIntentConsumer, CreateZnodeOrderPaymentIntentConsumerDefinition>();
        bus.AddConsumer<DescribeRefundedChargeConsumer, DescribeRefundedChargeConsumerDefinition>();
        bus.AddConsumer<StripeChargeRefundedConsumer, StripeChargeRefundedConsumerDefinition>();
        bus.AddConsumer<DescribeDisputedChargeConsumer, DescribeDisputedChargeConsumerDefinition>();
        bus.AddConsumer<DescribeRiskyChargeConsumer, DescribeRiskyChargeConsumerDefinition>();
        bus.AddConsumer<RefundChargeForFraudConsumer, RefundChargeForFraudConsumerDefinition>();
        bus.AddConsumer<RefundZnodeReturnConsumer, RefundZnodeReturnConsumerDefinition>();
        bus.AddConsumer<ListPayoutTransactionsConsumer, ListPayoutTransactionsConsumerDefinition>();
        bus.AddConsumer<CustomerLinkChangedConsumer, CustomerLinkChangedConsumerDefinition>();
        bus.AddConsumer<UpdateStripeCustomerConsumer, UpdateStripeCustomerConsumerDefinition>();
        bus.AddConsumer<RereadStripeCustomerConsumer, RereadStripeCustomerConsumerDefinition>();
        bus.AddConsumer<DescribeSubscriptionInvoiceConsumer, DescribeSubscriptionInvoiceConsumerDefinition>();
    }

    /// <summary>
    /// One Stripe.net client over a long-lived <see cref="HttpClient"/> from IHttpClientFactory behind the Stripe resilience
    /// pipeline: concurrency limit, circuit breaker, <c>Stripe:RequestTimeout</c> per call. Stripe.net's own retries are off:
    /// the message pipeline retries, with the same idempotency key.
    /// </summary>
    static void AddStripeClient(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<StripeOptions, StripeOptionsValidator>(StripeOptions.Section);
        builder.AddOutboundHttp(StripeOptions.Section);
        // One StripeClient for the process: Stripe.net builds its client user agent when its HTTP client is made, reading the
        // version resource of an assembly file each time, which a CPU profile showed on every message while the client was
        // made per consumer scope. Its HttpClient is then long-lived too, so the handler chain is not rotated by the factory;
        // connections are renewed instead (PooledConnectionLifetime, the factory's default two minutes) to follow DNS changes.
        builder.Services.AddHttpClient(HttpClientName)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The audit trail outside the pipeline: its entry is written before the call waits for a slot and completed after the slot is free.
            .AddAuditTrail(AuditSystems.Stripe)
            .AddOutboundResilience(StripeOptions.Section, services => services.GetRequiredService<IOptions<StripeOptions>>().Value.RequestTimeout);
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new Stripe.StripeClient(new Stripe.StripeClientOptions
            {
                ApiKey = options.ApiKey,
                ApiBase = options.ApiBase.TrimEnd('/'),
                HttpClient = new Stripe.SystemNetHttpClient(http, maxNetworkRetries: 0),
            });
        });
        builder.Services.AddHealthChecks().AddCheck<StripeHealthCheck>("stripe");
    }
}
