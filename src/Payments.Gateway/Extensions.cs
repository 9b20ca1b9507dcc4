using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Gateway.Audit;
using Payments.Gateway.Data;
using Payments.Gateway.Ingest;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ChargeToOrder;
using Payments.Gateway.Mappers.CustomerSync;
using Payments.Gateway.Mappers.PaymentRisk;
using Payments.Gateway.Mappers.PayoutReconciliation;
using Payments.Gateway.Mappers.StripeDispute;
using Payments.Gateway.Mappers.StripeRefund;
using Payments.Gateway.Mappers.StripeSubscription;
using Payments.Gateway.Mappers.ZnodeOrderToCash;
using Payments.Gateway.Routing;
using Payments.Gateway.Sweep;
using Payments.Gateway.Webhooks;
using Payments.Persistence.Audit;
using Payments.Persistence.BusOutbox;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Gateway;

public static class Extensions
{
    /// <summary>Gateway options (validated at start-up), signature verification, the payment routing rules and event mappers, the event-id database (migrated at start-up). The bus is added by the host, with <see cref="AddGatewayOutbox"/>.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(GatewayOptions.Section);
        builder.Services.AddSingleton<StripeSignatureVerifier>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.AddGatewayIngest();
        builder.Services.AddSingleton<WebhookIngestLimiter>();
        builder.Services.AddScoped<StripeWebhookReceiver>();
        builder.Services.AddProblemDetails();
        builder.AddMissedEventSweep();
        // The intake entries of what any process recorded (this one wakes it at once); docs/operations.md, "Audit trail".
        builder.Services.AddSingleton<IntakeAuditPass>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IntakeAuditPass>());
        builder.Services.AddHealthChecks().AddCheck<IntakeAuditHealthCheck>(IntakeAuditHealthCheck.Name);
        return builder;
    }

    /// <summary>
    /// The one ingest of Stripe events (webhooks, the sweep, payments backfill): the routing rules and event mappers, the event-id
    /// database (migrated at start-up), <see cref="StripeEventIngest"/>.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayIngest(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayMappers();
        builder.Services.AddScoped<StripeEventIngest>();
        // Each accepted event, by whichever way it came, is the first entry of its payment's story (docs/operations.md, "Audit trail"),
        // written after the commit by the gateway's IntakeAuditPass.
        builder.AddPaymentsAuditTrail();
        builder.Services.TryAddSingleton<IntakeAuditSignal>();
        builder.AddGatewayDatabase();
        return builder;
    }

    /// <summary>
    /// The routing rules (validated at start-up) and the event mappers, without a database: what the ingest decides with, and what
    /// <c>payments config validate</c> checks the routing rules with.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayMappers(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddValidatedOptions<RoutingOptions, RoutingOptionsValidator>(RoutingOptions.Section);
        builder.AddValidatedOptions<ZnodeOrderToCashOptions>(ZnodeOrderToCashOptions.Section);
        builder.AddValidatedOptions<PaymentRiskOptions>(PaymentRiskOptions.Section);
        builder.Services.AddSingleton<PaymentRouter>();
        builder.Services.AddSingleton<StripeEventMappers>();
        // One line per mapper (a class per Stripe event type, in a folder named after its flow).
        builder.Services.AddStripeEventMapper<ChargeSucceededMapper>();
        builder.Services.AddStripeEventMapper<ZnodeChargeSucceededMapper>();
        builder.Services.AddStripeEventMapper<ZnodeChargeFailedMapper>();
        builder.Services.AddStripeEventMapper<ZnodePaymentIntentSucceededMapper>();
        builder.Services.AddStripeEventMapper<ZnodePaymentIntentPaymentFailedMapper>();
        // The charge of a Billing invoice (routing rule 'billing'): recorded for stripe-subscription, published nowhere.
        builder.Services.AddStripeEventMapper<BillingChargeSucceededMapper>();
        // Events of their own flow, whichever flow took the payment (IStripeEventMapper.StartsPayment is false).
        builder.Services.AddStripeEventMapper<RefundReportedMapper>();
        builder.Services.AddStripeEventMapper<ChargeRefundedMapper>();
        builder.Services.AddStripeEventMapper<DisputeReportedMapper>();
        builder.Services.AddStripeEventMapper<EarlyFraudWarningMapper>();
        builder.Services.AddStripeEventMapper<ChargeRiskObservedMapper>();
        builder.Services.AddStripeEventMapper<PayoutCreatedMapper>();
        builder.Services.AddStripeEventMapper<PayoutUpdatedMapper>();
        builder.Services.AddStripeEventMapper<PayoutPaidMapper>();
        builder.Services.AddStripeEventMapper<PayoutFailedMapper>();
        builder.Services.AddStripeEventMapper<PayoutCanceledMapper>();
        builder.Services.AddStripeEventMapper<PayoutReconciliationCompletedMapper>();
        builder.Services.AddStripeEventMapper<CustomerCreatedMapper>();
        builder.Services.AddStripeEventMapper<CustomerUpdatedMapper>();
        builder.Services.AddStripeEventMapper<CustomerDeletedMapper>();
        builder.Services.AddStripeEventMapper<SubscriptionCreatedMapper>();
        builder.Services.AddStripeEventMapper<SubscriptionUpdatedMapper>();
        builder.Services.AddStripeEventMapper<SubscriptionDeletedMapper>();
        builder.Services.AddStripeEventMapper<InvoiceFinalizedMapper>();
        builder.Services.AddStripeEventMapper<InvoicePaidMapper>();
        builder.Services.AddStripeEventMapper<InvoicePaymentFailedMapper>();
        builder.Services.AddStripeEventMapper<InvoiceVoidedMapper>();
        return builder;
    }

    /// <summary>
    /// The webhook request publishes into the gateway's outbox tables, in the same commit as the webhook record; the relay
    /// delivers to the bus after that commit (and after a restart, if the process died in between).
    /// </summary>
    public static IBusRegistrationConfigurator AddGatewayOutbox(this IBusRegistrationConfigurator bus) =>
        bus.AddPaymentsBusOutbox<GatewayDbContext>();

    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/stripe", (HttpContext http, [FromServices] StripeWebhookReceiver receiver) =>
                receiver.ReceiveAsync(http.Request, http.RequestAborted))
            .WithName("StripeWebhook");
        return app;
    }
}
