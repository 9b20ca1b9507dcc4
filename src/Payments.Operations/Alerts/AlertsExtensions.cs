using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Operations.Alerts.Channels;
using Payments.Operations.Alerts.Consumers;
using Payments.Operations.Alerts.Data;
using Payments.Persistence.Configuration;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Operations.Alerts;

/// <summary>The alerts' wiring: options (checked at start-up), the de-duplication store, the channels, the summary service, the consumers.</summary>
public static class AlertsExtensions
{
    public static IHostApplicationBuilder AddOperationsAlerts(this IHostApplicationBuilder builder)
    {
        builder.AddPaymentsDbContext<AlertsDbContext>(AlertsDbContext.ConnectionStringName);
        builder.AddValidatedOptions<AlertsOptions>(AlertsOptions.Section);
        builder.AddValidatedOptions<EmailAlertOptions, EmailAlertOptionsValidator>(EmailAlertOptions.Section);
        builder.AddValidatedOptions<WebhookAlertOptions>(WebhookAlertOptions.Section);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AlertMetrics>();
        services.TryAddSingleton<AlertDeduplication>();
        services.TryAddSingleton<AlertDispatcher>();
        services.AddSingleton<IAlertChannel, EmailAlertChannel>();
        services.AddHttpClient(WebhookAlertChannel.HttpClientName);
        services.AddSingleton<IAlertChannel>(sp => new WebhookAlertChannel(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookAlertChannel.HttpClientName),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookAlertOptions>>()));
        services.AddHostedService<AlertSummaryService>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddOperationsAlertConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<FlowFailedAlertConsumer>();
        bus.AddConsumer<PayoutReconciliationFlaggedAlertConsumer>();
        bus.AddConsumer<DisputeEvidenceDueSoonAlertConsumer>();
        bus.AddConsumer<MissedEventsFoundAlertConsumer>();
        return bus;
    }
}
