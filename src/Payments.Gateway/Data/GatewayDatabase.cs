using Payments.Persistence.Cleanup;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;
using Payments.ServiceDefaults.Configuration;

namespace Payments.Gateway.Data;

/// <summary>
/// <see cref="GatewayDbContext"/> on the provider named by <c>Database:Provider</c> (Sqlite | Postgres | SqlServer) with
/// <c>ConnectionStrings:Gateway</c>; that provider's migrations are applied at start-up, before the bus starts. Its cleanup
/// (with the bus outbox's, every <c>Database:Cleanup:Interval</c>) removes webhook records after <c>Gateway:Retention:*</c>.
/// </summary>
public static class GatewayDatabase
{
    public const string ConnectionStringName = "Gateway";

    public static IHostApplicationBuilder AddGatewayDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddPaymentsDbContext<GatewayDbContext>(ConnectionStringName);
        builder.Services.AddHealthChecks().AddCheck<GatewayDatabaseHealthCheck>("gateway-database");
        builder.AddValidatedOptions<WebhookRetentionOptions, WebhookRetentionOptionsValidator>(WebhookRetentionOptions.Section);
        builder.Services.AddPaymentsOutboxCleanup<GatewayDbContext>();
        builder.Services.AddPaymentsCleanupSweep<GatewayDbContext, WebhookEventsSweep>();
        builder.Services.AddPaymentsCleanupSweep<GatewayDbContext, RejectedWebhooksSweep>();
        return builder;
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.Gateway GatewayDbContext Name).</summary>
public sealed class GatewayDbContextFactory : PaymentsDesignTimeDbContextFactory<GatewayDbContext>;
